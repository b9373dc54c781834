// Field lists (see json_fields.h) of the Wi-Fi records, shared by the
// snapshot and the survey file.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>

#include "model/json_fields.h"
#include "model/wifi.h"

namespace netfix::model {

template <typename S, typename V>
void Fields(S& b, V&& v) requires std::is_same_v<std::remove_const_t<S>, WifiBss> {
  v("bssid", b.bssid);
  v("ssid", b.ssid);
  v("hidden", b.hidden);
  v("frequency_mhz", b.frequency_mhz);
  v("channel", b.channel);
  v("band", b.band);
  v("width_mhz", b.width_mhz);
  v("signal_dbm", b.signal_dbm);
  v("security", b.security);
  v("enterprise", b.enterprise);
  v("tkip", b.tkip);
  v("wps", b.wps);
  v("standards", b.standards);
  v("rrm", b.rrm);
  v("btm", b.btm);
  v("ft", b.ft);
  v("station_count", b.station_count);
  v("channel_utilization_pct", b.channel_utilization_pct);
  v("source", b.source);
  v("seen_at", b.seen_at);
  v("associated", b.associated);
}

template <typename S, typename V>
void Fields(S& l, V&& v) requires std::is_same_v<std::remove_const_t<S>, WifiLink> {
  v("interface", l.interface);
  v("bssid", l.bssid);
  v("ssid", l.ssid);
  v("frequency_mhz", l.frequency_mhz);
  v("signal_dbm", l.signal_dbm);
  v("tx_bitrate_mbps", l.tx_bitrate_mbps);
  v("rx_bitrate_mbps", l.rx_bitrate_mbps);
}

template <typename S, typename V>
void Fields(S& s, V&& v) requires std::is_same_v<std::remove_const_t<S>, WifiScan> {
  v("source", s.source);
  v("format", s.format);
  v("interface", s.interface);
  v("taken_at", s.taken_at);
  v("method", s.method);
  v("networks", s.networks);
  v("link", s.link);
  v("notes", s.notes);
}

template <typename S, typename V>
void Fields(S& r, V&& v) requires std::is_same_v<std::remove_const_t<S>, SurveyRoom> {
  v("name", r.name, kRequired);
  v("near", r.near);
  v("samples", r.samples);
}

template <typename S, typename V>
void Fields(S& s, V&& v) requires std::is_same_v<std::remove_const_t<S>, Survey> {
  v("schema", s.schema, kRequired);
  v("created_at", s.created_at);
  v("updated_at", s.updated_at);
  v("own_ssids", s.own_ssids);
  v("rooms", s.rooms);
}

nlohmann::json SurveyToJson(const Survey& survey);
/// Parses a survey file; `error` names what is wrong and where.
bool ParseSurvey(const std::string& text, Survey* survey, std::string* error);

}  // namespace netfix::model
