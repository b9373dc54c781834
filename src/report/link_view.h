// The link-quality part of a report: round trips per target, throughput and
// responsiveness per speed-test leg with the bufferbloat grade and where its
// bands come from, and what each receiver needs against what its path
// delivered. Computed by link/quality.h, the same functions the checks use,
// with the stream rates of the receiver-bandwidth-insufficient check's
// parameters, so that the tables and the findings can never disagree.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "link/quality.h"
#include "model/lang.h"
#include "report/report.h"

namespace netfix::report {

struct RoundTripView {
  std::string role;  ///< as the snapshot says: "gateway", "resolver", "receiver", ...
  std::string role_label;
  std::string target;
  std::string name;  ///< the target's name, "" when it has none
  std::string method;
  link::RttSummary rtt;
};

struct SpeedLegView {
  std::string leg;  ///< "internet" | "home"
  std::string leg_label;
  std::string server;
  link::SpeedSummary summary;
};

struct ReceiverNeedView {
  std::string ip;
  std::string name;
  std::string stream_class;
  int parallel = 1;
  bool from_profile = false;
  double need_mbit = 0;
  bool home_source = false;
  std::optional<double> internet_mbit;
  std::optional<double> home_mbit;
  std::optional<double> available_mbit;
  std::string limit;           ///< "internet" | "home" | ""
  std::optional<bool> enough;  ///< nullopt: nothing measured
  std::optional<link::RttSummary> path;
  std::string line;  ///< the reasoning in the report's language
};

struct LinkSectionView {
  std::vector<RoundTripView> round_trips;
  std::vector<SpeedLegView> legs;
  std::vector<ReceiverNeedView> receivers;
  std::optional<model::Contract> contract;
  std::string contract_line;  ///< "100 Mbit/s ↓ / 40 Mbit/s ↑", "" without a contract
  /// How the grade and the RPM are made, with the source of the bands.
  std::string grade_note;
  /// The two tables as plain cells (raw strings; the renderers escape
  /// them), with their headers, so that text, Markdown and HTML agree.
  std::vector<std::string> rtt_headers;
  std::vector<std::vector<std::string>> rtt_rows;
  std::vector<std::string> speed_headers;
  std::vector<std::vector<std::string>> speed_rows;
};

/// nullopt when the snapshot holds no link measurement beyond the router's
/// ping (which the measurements section shows already).
std::optional<LinkSectionView> BuildLinkView(const Report& report);

/// "92.5 Mbit/s" / "92,5 Mbit/s".
std::string MbitLabel(double mbit, model::Lang lang);

}  // namespace netfix::report
