#include "report/wifi_svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "report/sanitize.h"
#include "report/strings.h"

namespace netfix::report {

using model::Lang;

namespace {

constexpr double kMinDbm = -95;  // left edge / zero height
constexpr double kMaxDbm = -30;  // right edge / full height

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string H(std::string_view text) {
  return EscapeHtml(text);
}

std::string Text(double x, double y, const std::string& text, const std::string& attrs = "") {
  return "<text x=\"" + Num(x) + "\" y=\"" + Num(y) + "\"" + (attrs.empty() ? "" : " " + attrs) +
         ">" + H(text) + "</text>\n";
}

std::string Rect(double x, double y, double w, double h, const std::string& attrs) {
  return "<rect x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" width=\"" + Num(std::max(w, 0.0)) +
         "\" height=\"" + Num(std::max(h, 0.0)) + "\" " + attrs + "/>\n";
}

const char* LevelColor(SignalLevel level) {
  switch (level) {
    case SignalLevel::kVideo: return "#2e7d32";
    case SignalLevel::kBrowsing: return "#c77c02";
    case SignalLevel::kWeak: return "#d84315";
    default: break;
  }
  return "#c62828";
}

double Clamp(double dbm) {
  return std::clamp(dbm, kMinDbm, kMaxDbm);
}

std::string Shorten(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  size_t cut = max - 1;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

}  // namespace

std::string CoverageChartSvg(const WifiSectionView& view, Lang lang) {
  const double label_w = 150, plot_w = 460, left = label_w, right = left + plot_w;
  const double bar_h = 14, bar_gap = 3, room_gap = 12, top = 26;
  const size_t bands = std::max<size_t>(view.bands.size(), 1);
  const double room_h = bands * (bar_h + bar_gap) + room_gap;
  const double height = top + view.rooms.size() * room_h + 28;
  auto x_of = [&](double dbm) {
    return left + (Clamp(dbm) - kMinDbm) / (kMaxDbm - kMinDbm) * plot_w;
  };

  std::string svg = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " + Num(right + 10) + " " +
                    Num(height) + "\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">\n";
  svg += "<title>" + H(report::Text(Str::kWifiRooms, lang)) + "</title>\n";
  // Zones: unusable, weak, browsing, video.
  struct Zone {
    double from, to;
    const char* color;
  };
  const Zone zones[] = {{kMinDbm, view.unusable_dbm, "#fdecea"},
                        {view.unusable_dbm, view.browsing_dbm, "#fbe3d6"},
                        {view.browsing_dbm, view.video_dbm, "#fff4e0"},
                        {view.video_dbm, kMaxDbm, "#e8f5e9"}};
  for (const auto& z : zones)
    svg += Rect(x_of(z.from), top - 6, x_of(z.to) - x_of(z.from), height - top - 16,
                "fill=\"" + std::string(z.color) + "\"");
  for (double t : {view.unusable_dbm, view.browsing_dbm, view.video_dbm}) {
    svg += "<line x1=\"" + Num(x_of(t)) + "\" y1=\"" + Num(top - 10) + "\" x2=\"" + Num(x_of(t)) +
           "\" y2=\"" + Num(height - 20) + "\" stroke=\"#5b6473\" stroke-dasharray=\"3 3\"/>\n";
    // The number alone (the axis is in dBm): three labels 5 dB apart still fit.
    svg += Text(x_of(t), top - 13, std::to_string(std::lround(t)),
                "text-anchor=\"middle\" fill=\"#5b6473\" font-size=\"11\"");
  }
  double y = top;
  for (const auto& room : view.rooms) {
    svg += Text(label_w - 8, y + room_h / 2 - room_gap / 2 + 4, Shorten(room.name, 22),
                "text-anchor=\"end\" font-weight=\"600\"");
    for (size_t b = 0; b < room.bands.size(); ++b) {
      const WifiBandCell& cell = room.bands[b];
      double by = y + b * (bar_h + bar_gap);
      SignalLevel level = LevelOf(cell.dbm, view);
      if (cell.dbm) {
        svg += Rect(left, by, x_of(*cell.dbm) - left, bar_h,
                    "rx=\"2\" fill=\"" + std::string(LevelColor(level)) + "\"");
      }
      std::string label = BandLabel(cell.band, lang) + " " + DbmLabel(cell.dbm);
      // Beside the bar, or inside its end when there is no room to the right.
      bool inside = cell.dbm && x_of(*cell.dbm) > right - 115;
      double tx = !cell.dbm ? left + 4 : inside ? x_of(*cell.dbm) - 4 : x_of(*cell.dbm) + 4;
      svg += Text(tx, by + bar_h - 3, label,
                  inside ? "text-anchor=\"end\" fill=\"#fff\"" : "fill=\"#1d2330\"");
    }
    y += room_h;
  }
  // Axis.
  for (int dbm = -90; dbm <= -30; dbm += 10)
    svg += Text(x_of(dbm), height - 6, std::to_string(dbm),
                "text-anchor=\"middle\" fill=\"#5b6473\" font-size=\"10\"");
  svg += "</svg>\n";
  return svg;
}

std::string ChannelMapSvg(const WifiSectionView& view, const std::string& band, Lang lang) {
  std::vector<const WifiChannelView*> channels;
  for (const auto& c : view.channels)
    if (c.band == band) channels.push_back(&c);
  if (channels.empty()) return "";
  const double left = 36, plot_w = 560, top = 24, plot_h = 150, bottom = top + plot_h;
  // 2.4 GHz: channels 1-13 on a linear axis, each network drawn over the
  // 20 MHz it occupies (4 channels wide each side about 2). Other bands:
  // one slot per channel that has networks.
  const bool linear = band == "2.4";
  std::vector<int> slots;
  if (linear) {
    for (int ch = 1; ch <= 14; ++ch) slots.push_back(ch);
  } else {
    for (const auto* c : channels) slots.push_back(c->channel);
  }
  const double slot_w = plot_w / (slots.size() + (linear ? 3 : 0));
  auto x_of = [&](int channel) {
    if (linear) return left + (channel + 1) * slot_w;  // room for the skirts of channel 1
    auto it = std::find(slots.begin(), slots.end(), channel);
    return left + (it - slots.begin() + 0.5) * slot_w;
  };
  auto y_of = [&](std::optional<double> dbm) {
    double v = dbm ? Clamp(*dbm) : kMinDbm;
    return bottom - (v - kMinDbm) / (kMaxDbm - kMinDbm) * plot_h;
  };
  std::string svg = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " + Num(left + plot_w + 10) +
                    " " + Num(bottom + 30) +
                    "\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"11\">\n";
  svg += "<title>" + H(report::Text(Str::kWifiChannels, lang)) + " " + H(BandLabel(band, lang)) +
         "</title>\n";
  for (int dbm = -90; dbm <= -30; dbm += 20) {
    svg += "<line x1=\"" + Num(left) + "\" y1=\"" + Num(y_of(dbm)) + "\" x2=\"" +
           Num(left + plot_w) + "\" y2=\"" + Num(y_of(dbm)) + "\" stroke=\"#dde1e7\"/>\n";
    svg +=
        Text(left - 4, y_of(dbm) + 4, std::to_string(dbm), "text-anchor=\"end\" fill=\"#5b6473\"");
  }
  for (int ch : slots)
    svg +=
        Text(x_of(ch), bottom + 14, std::to_string(ch), "text-anchor=\"middle\" fill=\"#5b6473\"");
  svg += Text(left + plot_w / 2, bottom + 28,
              BandLabel(band, lang) + " – " + report::Text(Str::kColChannel, lang),
              "text-anchor=\"middle\" fill=\"#5b6473\"");
  // Wide channels of the edge channels would reach out of the plot.
  std::string clip = "netfix-clip-" + band;
  std::replace(clip.begin(), clip.end(), '.', '-');
  svg += "<clipPath id=\"" + clip + "\">" + Rect(left, 0, plot_w, bottom, "") + "</clipPath>\n";
  svg += "<g clip-path=\"url(#" + clip + ")\">\n";
  // Neighbours first, the home's own networks on top; one label per name and channel.
  for (bool own_pass : {false, true})
    for (const auto* c : channels) {
      std::set<std::string> labelled;
      for (const auto& n : c->networks) {
        if (n.own != own_pass) continue;
        double x = x_of(c->channel), y = y_of(n.dbm);
        std::string color = n.own ? "#1565c0" : "#8a93a3";
        if (linear) {
          double half = (n.width_mhz >= 40 ? 4 : 2) * slot_w;
          svg += "<path d=\"M" + Num(x - half) + " " + Num(bottom) + " L" + Num(x - half * 0.6) +
                 " " + Num(y) + " L" + Num(x + half * 0.6) + " " + Num(y) + " L" + Num(x + half) +
                 " " + Num(bottom) + "\" fill=\"" + color + "\" fill-opacity=\"" +
                 (n.own ? "0.35" : "0.12") + "\" stroke=\"" + color + "\" stroke-width=\"" +
                 (n.own ? "2" : "1") + "\"/>\n";
        } else {
          double w = slot_w * 0.8 / std::max<size_t>(c->networks.size(), 1);
          double bx = x - slot_w * 0.4 + w * static_cast<double>(&n - c->networks.data());
          svg += Rect(bx, y, w - 1, bottom - y,
                      "fill=\"" + color + "\" fill-opacity=\"" + (n.own ? "0.8" : "0.35") + "\"");
        }
        std::string name = n.ssid.empty() ? n.bssid : n.ssid;
        if ((n.own || (linear && &n == &c->networks.front())) && labelled.insert(name).second)
          svg += Text(x, y - 3, Shorten(name, 18),
                      "text-anchor=\"middle\" fill=\"" + color + "\"" +
                          (n.own ? " font-weight=\"600\"" : ""));
      }
    }
  svg += "</g>\n</svg>\n";
  return svg;
}

}  // namespace netfix::report
