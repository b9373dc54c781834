#include "app/survey.h"

#include <cstdio>
#include <ctime>
#include <iostream>

#include "app/app.h"
#include "app/files.h"
#include "app/terminal.h"
#include "inventory/build.h"
#include "model/snapshot_json.h"
#include "model/wifi_json.h"
#include "probe/wifi_probe.h"
#include "report/survey_text.h"
#include "wire/wifi_capture.h"
#include "wire/wifi_import.h"

namespace netfix::app {

namespace {

std::string NowUtc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool LooksLikeCapture(const std::string& bytes) {
  if (bytes.size() < 4) return false;
  auto b = [&](size_t i) { return static_cast<unsigned char>(bytes[i]); };
  std::uint32_t magic = b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
  return magic == 0xa1b2c3d4 || magic == 0xd4c3b2a1 || magic == 0xa1b23c4d || magic == 0x4d3cb2a1 ||
         magic == 0x0a0d0d0a;
}

/// A scan from a file: a capture (pcap/pcapng) or the text of a Wi-Fi tool.
bool ImportScan(const Options& o, model::WifiScan* scan) {
  std::string bytes, error;
  if (!ReadWholeFile(o.import_file, &bytes, &error)) {
    PrintError(error);
    return false;
  }
  const std::string& from = o.import_format;
  if (from == "pcap" || (from == "auto" && LooksLikeCapture(bytes))) {
    wire::Bytes data(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    auto result = wire::ParseWifiCapture(data);
    if (!result.error.empty()) {
      PrintError("cannot read '" + o.import_file + "' as a capture: " + result.error);
      return false;
    }
    *scan = std::move(result.scan);
    return true;
  }
  std::optional<wire::WifiTextFormat> format;
  if (from == "auto") {
    std::string why_not;
    format = wire::DetectWifiTextFormat(bytes, &why_not);
    if (!format) {
      PrintError("cannot tell what '" + o.import_file + "' is: " + why_not,
                 "name the format with --from iw|nmcli|netsh|airport|system_profiler|pcap");
      return false;
    }
  } else {
    format = wire::WifiTextFormatFromName(from);
  }
  auto result = wire::ParseWifiText(bytes, *format);
  if (!result.ok) {
    PrintError("cannot read '" + o.import_file + "' as " + wire::ToString(*format) +
               " output: " + result.error);
    return false;
  }
  *scan = std::move(result.scan);
  return true;
}

}  // namespace

bool LoadSurvey(const std::string& path, model::Survey* survey) {
  std::string text, error;
  if (!ReadWholeFile(path, &text, &error)) {
    PrintError(error);
    return false;
  }
  if (!model::ParseSurvey(text, survey, &error)) {
    PrintError("'" + path + "' is not a valid netfix survey: " + error,
               "a survey file is written by 'netfix survey --room NAME FILE'");
    return false;
  }
  return true;
}

ExitCode RunSurvey(const Options& o) {
  model::Lang lang = ChooseLang(o);
  model::Survey survey;
  bool exists = FileExists(o.survey_file);
  if (exists && !LoadSurvey(o.survey_file, &survey)) return kExitCannotRun;

  if (o.room.empty()) {  // no sample to add: show what the survey holds
    if (!exists) {
      PrintError("'" + o.survey_file + "' does not exist yet",
                 "add the first room with 'netfix survey --room NAME " + o.survey_file + "'");
      return kExitCannotRun;
    }
    std::cout << report::SurveySummaryText(survey, lang, {.color = UseColor(o.color)});
    return kExitClean;
  }

  model::WifiScan scan;
  if (!o.import_file.empty()) {
    if (!ImportScan(o, &scan)) return kExitCannotRun;
  } else {
    probe::WifiScanOutcome live = probe::ScanWifiNow(o.scan.interface, o.scan.deadline);
    if (!live.scan) {
      PrintError("no Wi-Fi scan: " + live.record.reason,
                 live.record.hint.empty()
                     ? "or import one: --import FILE --from iw|nmcli|netsh|airport|pcap"
                     : live.record.hint);
      return kExitCannotRun;
    }
    scan = std::move(*live.scan);
  }
  if (scan.taken_at.empty()) scan.taken_at = NowUtc();

  if (survey.created_at.empty()) survey.created_at = NowUtc();
  survey.updated_at = NowUtc();
  for (const auto& ssid : o.own_ssids) {
    model::ByteString bytes{ssid};
    if (std::find(survey.own_ssids.begin(), survey.own_ssids.end(), bytes) ==
        survey.own_ssids.end())
      survey.own_ssids.push_back(bytes);
  }
  model::SurveyRoom* room = survey.FindRoom(o.room);
  if (room == nullptr) room = &survey.rooms.emplace_back(model::SurveyRoom{o.room, "", {}});
  if (o.replace_room) room->samples.clear();
  if (!o.near.empty()) room->near = o.near;
  room->samples.push_back(std::move(scan));

  std::string error;
  if (!WriteFileAtomically(o.survey_file, model::DumpJson(model::SurveyToJson(survey)) + "\n",
                           &error)) {
    PrintError(error);
    return kExitCannotRun;
  }
  if (!o.quiet) {
    std::cout << report::SurveySampleText(survey, o.room, o.survey_file, lang,
                                          {.color = UseColor(o.color)})
              << std::flush;
    std::fprintf(stderr, "netfix: hint: %s\n", report::SurveyNextHint(o.survey_file, lang).c_str());
  }
  return kExitClean;
}

}  // namespace netfix::app
