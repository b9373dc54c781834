// Reads the frames of a libpcap capture file (classic or pcapng), for tests
// that feed real captured packets from the shared corpus to the parsers.
// A thin wrapper over the core's reader (wire/pcap_file.h) that copies the
// frames out, so that they outlive the file's bytes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "support/files.h"
#include "wire/pcap_file.h"

namespace netfix::testing {

struct PcapFile {
  std::uint32_t link_type = 0;
  std::vector<std::vector<std::uint8_t>> frames;
  bool truncated = false;  ///< the file ends inside a record or block
};

/// The file if it is a capture of the given format ("" for either).
inline std::optional<PcapFile> ReadCaptureOfFormat(const std::filesystem::path& path,
                                                   const std::string& format) {
  std::string bytes = ReadFile(path);
  std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
  wire::CaptureFile capture = wire::ReadCaptureFile(data);
  if (!capture.error.empty() || (!format.empty() && capture.format != format)) return std::nullopt;
  PcapFile file;
  file.link_type = capture.link_type;
  file.truncated = capture.truncated;
  for (const auto& frame : capture.frames)
    file.frames.emplace_back(frame.data.begin(), frame.data.end());
  return file;
}

/// A classic pcap file.
inline std::optional<PcapFile> ReadPcap(const std::filesystem::path& path) {
  return ReadCaptureOfFormat(path, "pcap");
}

/// A pcapng file; link_type is the first interface's.
inline std::optional<PcapFile> ReadPcapng(const std::filesystem::path& path) {
  return ReadCaptureOfFormat(path, "pcapng");
}

/// A classic pcap or a pcapng file, whichever it is.
inline std::optional<PcapFile> ReadCapture(const std::filesystem::path& path) {
  return ReadCaptureOfFormat(path, "");
}

}  // namespace netfix::testing
