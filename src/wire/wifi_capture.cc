#include "wire/wifi_capture.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "wire/ieee80211.h"
#include "wire/pcap_file.h"
#include "wire/prism.h"
#include "wire/radiotap.h"

namespace netfix::wire {

namespace {

constexpr std::size_t kMaxNetworks = 10'000;
constexpr std::size_t kMaxDistinctNotes = 100;

// An 802.11 frame with what the capturing radio said about it.
struct RadioFrame {
  Bytes mac;
  int frequency_mhz = 0;
  std::optional<double> signal_dbm;
};

bool IsWifiLinkType(std::uint32_t link_type) {
  return link_type == kLinkTypeIeee80211 || link_type == kLinkTypeRadiotap ||
         link_type == kLinkTypePrism || link_type == kLinkTypeAvs;
}

std::optional<RadioFrame> FromRadiotap(Bytes data, std::string* why) {
  auto radiotap = ParseRadiotap(data, why);
  if (!radiotap) return std::nullopt;
  if (radiotap->bad_fcs) {
    *why = "frame with a bad FCS";
    return std::nullopt;
  }
  // Some drivers keep the FCS without flagging it.
  RadioFrame out{WithoutFcs(RadiotapPayload(data, *radiotap)), radiotap->frequency_mhz};
  if (radiotap->signal_dbm) out.signal_dbm = *radiotap->signal_dbm;
  return out;
}

std::optional<RadioFrame> FromPrism(Bytes data, std::string* why) {
  auto prism = ParsePrism(data, why);
  if (!prism) return std::nullopt;
  RadioFrame out{WithoutFcs(data.subspan(prism->length)), model::FrequencyOf(prism->channel, "")};
  if (prism->signal_dbm) out.signal_dbm = *prism->signal_dbm;
  return out;
}

// The 802.11 frame behind the link layer's radio header; nullopt with the
// reason in `why` when that header is broken.
std::optional<RadioFrame> Unwrap(const CaptureFrame& frame, std::string* why) {
  switch (frame.link_type) {
    case kLinkTypeRadiotap: return FromRadiotap(frame.data, why);
    case kLinkTypePrism:
    case kLinkTypeAvs: return FromPrism(frame.data, why);
    default: return RadioFrame{WithoutFcs(frame.data)};
  }
}

std::string Rfc3339(std::optional<std::int64_t> time_ns) {
  constexpr std::int64_t kYear9999 = 253402300799;
  if (!time_ns || *time_ns <= 0 || *time_ns / 1'000'000'000 > kYear9999) return "";
  std::time_t seconds = static_cast<std::time_t>(*time_ns / 1'000'000'000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

double Median(std::vector<double> values) {
  auto middle = values.begin() + values.size() / 2;
  std::nth_element(values.begin(), middle, values.end());
  if (values.size() % 2 == 1) return *middle;
  return (*middle + *std::max_element(values.begin(), middle)) / 2;
}

// Distinct notes in the order first seen, each with how often it came up.
class NoteCounter {
 public:
  void Add(const std::string& note) {
    auto [it, added] = counts_.try_emplace(note, 0);
    if (added && order_.size() >= kMaxDistinctNotes) {
      counts_.erase(it);
      ++dropped_;
      return;
    }
    if (added) order_.push_back(note);
    ++it->second;
  }
  void AppendTo(std::vector<std::string>* out) const {
    for (const auto& note : order_) {
      std::size_t n = counts_.at(note);
      out->push_back(n == 1 ? note : note + " (" + std::to_string(n) + " frames)");
    }
    if (dropped_ > 0) out->push_back(std::to_string(dropped_) + " further notes left out");
  }

 private:
  std::map<std::string, std::size_t> counts_;
  std::vector<std::string> order_;
  std::size_t dropped_ = 0;
};

// Everything heard from one BSSID + SSID.
struct Heard {
  model::WifiBss bss;          // from the most completely read frame, latest first
  std::size_t note_count = 0;  // notes that frame raised
  std::vector<double> signals;
  std::optional<std::int64_t> last_ns;
};

class NetworkCollector {
 public:
  void Add(const BeaconFrame& beacon, const RadioFrame& radio, std::optional<std::int64_t> time_ns,
           NoteCounter& notes) {
    std::vector<std::string> frame_notes;
    model::WifiBss bss = BssFromBeacon(beacon, radio.frequency_mhz, &frame_notes);
    Heard* heard = Find(bss, notes);
    if (heard == nullptr) return;
    std::string who = "'" + model::DisplaySsid(bss.ssid) + "' (" + bss.bssid + "): ";
    for (const auto& note : frame_notes) notes.Add(who + note);
    if (heard->bss.bssid.empty() || frame_notes.size() <= heard->note_count) {
      heard->bss = std::move(bss);
      heard->note_count = frame_notes.size();
    }
    if (radio.signal_dbm) heard->signals.push_back(*radio.signal_dbm);
    if (time_ns && (!heard->last_ns || *time_ns > *heard->last_ns)) heard->last_ns = time_ns;
  }

  std::vector<model::WifiBss> Networks() const {
    std::vector<model::WifiBss> out;
    for (const auto& heard : heard_) {
      model::WifiBss bss = heard.bss;
      bss.source = "pcap";
      bss.seen_at = Rfc3339(heard.last_ns);
      // The median, not the strongest: beacon signals swing by several dB
      // with fading, and a coverage verdict should rest on what a device in
      // that spot typically gets, not on the one lucky peak.
      if (!heard.signals.empty()) bss.signal_dbm = Median(heard.signals);
      out.push_back(std::move(bss));
    }
    return out;
  }

 private:
  Heard* Find(const model::WifiBss& bss, NoteCounter& notes) {
    auto key = std::make_pair(bss.bssid, bss.ssid.bytes);
    if (auto it = index_.find(key); it != index_.end()) return &heard_[it->second];
    if (heard_.size() >= kMaxNetworks) {
      notes.Add("more than " + std::to_string(kMaxNetworks) + " networks: the rest left out");
      return nullptr;
    }
    index_.emplace(key, heard_.size());
    heard_.emplace_back();
    return &heard_.back();
  }

  std::map<std::pair<std::string, std::string>, std::size_t> index_;
  std::vector<Heard> heard_;
};

std::string Plural(std::size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string CountsNote(const WifiCaptureCounts& c) {
  std::string note = Plural(c.frames, "frame", "frames") + ": " +
                     Plural(c.beacons, "beacon", "beacons") + ", " +
                     Plural(c.probe_responses, "probe response", "probe responses") + ", " +
                     Plural(c.other, "other 802.11 frame", "other 802.11 frames");
  if (c.unreadable > 0) note += ", " + std::to_string(c.unreadable) + " unreadable";
  if (c.foreign > 0) note += ", " + std::to_string(c.foreign) + " without 802.11";
  return note;
}

class CaptureReader {
 public:
  explicit CaptureReader(WifiCapture* out) : out_(out) {}

  void Read(const CaptureFrame& frame) {
    ++out_->counts.frames;
    if (frame.time_ns && (!newest_ns_ || *frame.time_ns > *newest_ns_)) newest_ns_ = frame.time_ns;
    if (!IsWifiLinkType(frame.link_type)) {
      ++out_->counts.foreign;
      return;
    }
    std::string why;
    auto radio = Unwrap(frame, &why);
    if (!radio) return Unreadable(why);
    auto control = ParseFrameControl(radio->mac);
    if (!control) return Unreadable("802.11 frame too short or of an unknown version");
    auto beacon = ParseBeaconFrame(radio->mac, &why);
    if (!beacon) {
      if (!why.empty()) return Unreadable(why);
      ++out_->counts.other;
      return;
    }
    ++(beacon->probe_response ? out_->counts.probe_responses : out_->counts.beacons);
    networks_.Add(*beacon, *radio, frame.time_ns, notes_);
  }

  void Finish(const std::vector<std::string>& file_notes) {
    auto& scan = out_->scan;
    scan.networks = networks_.Networks();
    scan.taken_at = Rfc3339(newest_ns_);
    scan.notes.push_back(CountsNote(out_->counts));
    if (scan.networks.empty()) scan.notes.push_back("no beacons or probe responses");
    scan.notes.insert(scan.notes.end(), file_notes.begin(), file_notes.end());
    notes_.AppendTo(&scan.notes);
  }

 private:
  void Unreadable(const std::string& why) {
    ++out_->counts.unreadable;
    notes_.Add(why);
  }

  WifiCapture* out_;
  NetworkCollector networks_;
  NoteCounter notes_;
  std::optional<std::int64_t> newest_ns_;
};

}  // namespace

WifiCapture ParseWifiCapture(Bytes data) {
  WifiCapture out;
  out.scan.source = "pcap";
  out.scan.format = "pcap";
  out.scan.method = "import";
  CaptureFile file = ReadCaptureFile(data);
  if (!file.error.empty()) {
    out.error = file.error;
    return out;
  }
  out.link_type = LinkTypeName(file.link_type);
  bool any_wifi = std::any_of(file.frames.begin(), file.frames.end(),
                              [](const auto& f) { return IsWifiLinkType(f.link_type); });
  if (!any_wifi && !IsWifiLinkType(file.link_type)) {
    out.error = out.link_type + " capture: no 802.11 frames (a Wi-Fi capture needs monitor " +
                "mode: radiotap, PRISM/AVS or raw 802.11)";
    return out;
  }
  CaptureReader reader(&out);
  for (const auto& frame : file.frames) reader.Read(frame);
  reader.Finish(file.notes);
  return out;
}

}  // namespace netfix::wire
