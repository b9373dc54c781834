#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <map>

#include "app/app.h"
#include "check/catalog.h"
#include "io/peer_server.h"
#include "probe/speed_probe.h"
#include "util/strings.h"
#include "version.h"
#include "wire/addr.h"
#include "wire/upnp_url.h"

namespace netfix::cli {

using app::Command;
using app::ExitCode;
using app::Options;

namespace {

struct SubcommandInfo {
  const char* name;
  Command command;
  const char* summary;
};

// THE table of subcommands (ninja's kTools): help and "did you mean" read it.
const SubcommandInfo kSubcommands[] = {
    {"check", Command::kCheck, "scan the network, diagnose it and print the fix-it report"},
    {"scan", Command::kScan, "scan the network and write the snapshot (JSON)"},
    {"report", Command::kReport, "diagnose a saved snapshot and print the report"},
    {"diff", Command::kDiff,
     "compare two snapshots or reports: what got fixed, what is new, what changed"},
    {"devices", Command::kDevices, "list the devices on the network, with their roles"},
    {"survey", Command::kSurvey, "add a room's Wi-Fi scan to a room-by-room survey"},
    {"redact", Command::kRedact,
     "remove personal data (addresses, names, serial numbers) from a snapshot, report or survey"},
    {"send", Command::kSend, "send a snapshot or report to a support server (HTTPS)"},
    {"checks", Command::kChecks, "list the checks netfix runs"},
    {"explain", Command::kExplain, "print everything about one check"},
    {"serve", Command::kServe,
     "answer the home-leg test of another netfix (netfix check --peer), e.g. next to the TV"},
};

const char* kFooter = R"(
Examples:
  sudo netfix check                      diagnose this computer's network
  sudo netfix check -o report.html       ... and save an HTML copy to share
  sudo netfix scan -o home.json          record a snapshot for later or for support
  sudo netfix devices                    what is on the network: routers, repeaters, TVs
  sudo netfix survey --room Kitchen home.survey.json
                                         add the kitchen's Wi-Fi to a survey (repeat per room)
  netfix survey --room Kitchen --import scan.txt home.survey.json
                                         ... from 'netsh wlan show networks mode=bssid', iw,
                                         nmcli, airport or a capture made on another machine
  sudo netfix check --survey home.survey.json -o report.html
                                         diagnose the network with the rooms
  netfix report home.json --lang de      diagnose a snapshot anywhere, in German
  sudo netfix check --speed-url http://speed.example/100M.bin --contract 250/40
                                         also measure the internet speed and responsiveness
  netfix serve                           on a second machine (e.g. next to the TV), then
  sudo netfix check --peer 192.168.1.30  measure the home leg (Wi-Fi, repeater) to it
  netfix explain dns-failing             what a check looks for and how to fix it
  netfix diff before.json after.json     what the visit fixed, what is new, what changed
  netfix redact home.json -o share.json  pseudonyms for addresses and names before sharing
  NETFIX_SEND_TOKEN=... netfix send home.json --to https://support.example/upload
                                         send a snapshot to support (prints the ticket)

Exit status:
  0    no problem found (at or above --fail-on)
  1    problems found at or above --fail-on (default: warning); diff: something
       got worse (a new problem at or above --fail-on, or a worse measurement)
  2    netfix could not run: usage, permissions, unreadable or invalid file
  130  interrupted (Ctrl-C); what was collected is still written

Live probes need raw sockets: run with sudo or grant CAP_NET_RAW. Without
them the probes that need it are skipped (and say so), and the rest still run.
See man netfix for details.)";

// "text|json" -> {"text", "json"}
std::vector<std::string> Words(const std::string& words) {
  std::vector<std::string> out(1);
  for (char c : words) {
    if (c == '|')
      out.emplace_back();
    else
      out.back().push_back(c);
  }
  return out;
}

// "'jsn' is not one of text|json; did you mean 'json'?"
std::string NotOneOf(const std::string& value, const std::string& words) {
  std::vector<std::string> candidates = Words(words);
  std::string suggestion = util::ClosestMatch(util::ToLower(value), candidates);
  return "'" + value + "' is not one of " + words +
         (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?");
}

// Like CLI::IsMember, with "did you mean" (for options that keep the word).
CLI::Validator OneOf(const std::string& words) {
  return CLI::Validator(
      [words](std::string& value) {
        for (const auto& w : Words(words))
          if (w == util::ToLower(value)) {
            value = w;
            return std::string();
          }
        return NotOneOf(value, words);
      },
      "");
}

// A choice among words, shown in --help as "WORD1|WORD2" (CLI11's own
// description of a mapping is unreadable: "value in {a->0,...} OR {0,...}").
template <typename Map>
CLI::Option* Choice(CLI::Option* option, const Map& map, const std::string& words) {
  option->transform(
      [map, words](std::string value) -> std::string {
        auto it = map.find(util::ToLower(value));
        if (it == map.end()) throw CLI::ValidationError(NotOneOf(value, words));
        return std::to_string(static_cast<int>(it->second));
      },
      "", "choice");
  return option->type_name(words);
}

void AddScanOptions(CLI::App* sub, Options* o) {
  sub->add_option("-i,--interface", o->scan.interface,
                  "network interface to probe (default: the one with the default route)")
      ->type_name("IFACE");
  sub->add_option("--timeout", o->timeout_s, "upper bound for the whole scan, in seconds")
      ->check(CLI::Range(1.0, 3600.0).description(""))
      ->type_name("SECONDS")
      ->default_val(30);
  sub->add_option("--arp-rate", o->scan.arp_rate_pps, "ARP requests per second")
      ->check(CLI::Range(10, 10000).description(""))
      ->type_name("PPS")
      ->default_val(o->scan.arp_rate_pps);
  sub->add_option("--dns-name", o->scan.dns_names,
                  "names each DNS server is asked for (repeatable)")
      ->type_name("NAME")
      ->default_str(util::Join(o->scan.dns_names, " "));
  sub->add_option("--dns-reference", o->scan.reference_resolvers,
                  "public DNS servers asked for comparison; 'none' to ask none")
      ->type_name("IP,...")
      ->delimiter(',')
      ->default_str(util::Join(o->scan.reference_resolvers, ","));
  sub->add_option("--ping-method", o->scan.ping_method,
                  "how round trips are measured; auto: ICMP echo, else a DNS query (DNS servers) "
                  "or a TCP connect (others), whichever is answered first")
      ->check(OneOf("auto|icmp|udp|tcp"))
      ->type_name("auto|icmp|udp|tcp")
      ->default_val(o->scan.ping_method);
  sub->add_option("--latency-count", o->scan.latency_count,
                  "round trips to each resolver, receiver and the internet target")
      ->check(CLI::Range(1, 1000).description(""))
      ->type_name("N")
      ->default_val(o->scan.latency_count);
  sub->add_option_function<int>(
         "--latency-interval",
         [o](int ms) { o->scan.latency_interval = std::chrono::milliseconds(ms); },
         "milliseconds between the round trips to one target")
      ->check(CLI::Range(10, 1000).description(""))
      ->type_name("MS")
      ->default_str(std::to_string(o->scan.latency_interval.count()));
  sub->add_option("--internet-target", o->scan.internet_target,
                  "IPv4 address whose round trips stand for the internet "
                  "(default: the first --dns-reference)")
      ->check(CLI::ValidIPV4.description(""))
      ->type_name("ADDR");
  sub->add_flag_callback(
      "--no-latency", [o] { o->scan.latency = false; },
      "measure no round trips to resolvers, receivers and the internet target");
}

// "250" or "250/40" (Mbit/s); nullopt for anything else.
std::optional<model::Contract> ParseContract(const std::string& text) {
  auto number = [](const std::string& part) -> std::optional<double> {
    if (part.empty() || part.size() > 12 ||
        part.find_first_not_of("0123456789.") != std::string::npos ||
        std::count(part.begin(), part.end(), '.') > 1 || part.front() == '.' || part.back() == '.')
      return std::nullopt;
    double value = std::stod(part);
    if (value <= 0 || value > 100000) return std::nullopt;
    return value;
  };
  std::size_t slash = text.find('/');
  auto down = number(text.substr(0, slash));
  if (!down) return std::nullopt;
  model::Contract contract{*down, std::nullopt};
  if (slash != std::string::npos) {
    auto up = number(text.substr(slash + 1));
    if (!up) return std::nullopt;
    contract.up_mbit = *up;
  }
  return contract;
}

void AddContractOption(CLI::App* sub, Options* o) {
  sub->add_option_function<std::string>(
         "--contract", [o](const std::string& text) { o->scan.contract = ParseContract(text); },
         "the internet speed the contract promises, download[/upload] in Mbit/s (e.g. 250/40)")
      ->check(CLI::Validator(
          [](std::string& text) {
            return ParseContract(text) ? std::string()
                                       : "'" + text + "' is not DOWN[/UP] in Mbit/s, e.g. 250/40";
          },
          ""))
      ->type_name("DOWN[/UP]");
}

CLI::Validator HttpUrlValidator() {
  return CLI::Validator(
      [](std::string& url) {
        return wire::ParseHttpUrl(url) ? std::string()
                                       : "'" + url + "' is not an http:// or https:// URL";
      },
      "");
}

// Throughput and responsiveness (the load tests of phase three).
void AddLoadOptions(CLI::App* sub, Options* o) {
  sub->add_option("--speed-url", o->scan.speed_url,
                  "measure the internet speed by downloading this file (http or https; "
                  "without it, only a server the router's profile names is contacted)")
      ->check(HttpUrlValidator())
      ->type_name("URL");
  sub->add_option("--upload-url", o->scan.upload_url,
                  "also measure the upload speed by POSTing generated data to this URL")
      ->check(HttpUrlValidator())
      ->type_name("URL");
  sub->add_option("--peer", o->scan.peer,
                  "measure the home leg to 'netfix serve' running on this machine")
      ->check(CLI::Validator(
          [](std::string& peer) {
            return probe::ParsePeerAddress(peer, io::kPeerServerPort)
                       ? std::string()
                       : "'" + peer + "' is not HOST[:PORT]";
          },
          ""))
      ->type_name("HOST[:PORT]");
  sub->add_option("--streams", o->scan.streams, "parallel transfers per direction")
      ->check(CLI::Range(1, 16).description(""))
      ->type_name("N")
      ->default_val(o->scan.streams);
  sub->add_option_function<double>(
         "--load-duration",
         [o](double seconds) {
           o->scan.load_duration =
               std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
         },
         "time for each load test (internet, home), idle round trips included; "
         "it is added to --timeout")
      ->check(CLI::Range(6.0, 60.0).description(""))
      ->type_name("SECONDS")
      ->default_str("12");
  AddContractOption(sub, o);
}

void AddServeOptions(CLI::App* sub, Options* o) {
  sub->add_option("--port", o->serve_port, "TCP and UDP port to answer on")
      ->check(CLI::Range(1, 65535).description(""))
      ->type_name("PORT")
      ->default_val(io::kPeerServerPort);
  sub->add_option("--bind", o->serve_bind, "the address to listen on (IPv4 or IPv6)")
      ->check(CLI::Validator(
          [](std::string& address) {
            return wire::ParseIpv4(address) || wire::ParseIpv6(address)
                       ? std::string()
                       : "'" + address + "' is not an IPv4 or IPv6 address";
          },
          ""))
      ->type_name("ADDR")
      ->default_val("0.0.0.0");
  sub->add_option("--timeout", o->serve_timeout_s, "stop after SECONDS (default: until Ctrl-C)")
      ->check(CLI::Range(1.0, 7 * 86400.0).description(""))
      ->type_name("SECONDS");
}

void AddReportOptions(CLI::App* sub, Options* o) {
  static const std::map<std::string, report::Format> formats = {
      {"text", report::Format::kText},
      {"json", report::Format::kJson},
      {"markdown", report::Format::kMarkdown},
      {"html", report::Format::kHtml}};
  static const std::map<std::string, model::Severity> severities = {
      {"error", model::Severity::kError},
      {"warning", model::Severity::kWarning},
      {"info", model::Severity::kInfo}};
  Choice(sub->add_option("-f,--format", o->format, "report format on stdout"), formats,
         "text|json|markdown|html")
      ->default_str("text");
  sub->add_option("-o,--output", o->outputs,
                  "also write the report to FILE; the format follows the extension "
                  "(.html .json .md .txt); repeatable")
      ->type_name("FILE");
  Choice(sub->add_option("--fail-on", o->fail_on, "lowest severity that makes the exit status 1"),
         severities, "error|warning|info")
      ->default_str("warning");
}

// Not on survey: the survey file being built needs the real network names to
// recognise the home's own Wi-Fi from room to room; 'netfix redact' takes
// the finished file.
void AddRedactOption(CLI::App* sub, Options* o) {
  sub->add_flag("--redact", o->redact,
                "replace addresses, network and host names and serial numbers by pseudonyms "
                "in everything written (the diagnosis stays the same)");
}

void AddSurveyInput(CLI::App* sub, Options* o) {
  sub->add_option("--survey", o->survey_file,
                  "a room-by-room Wi-Fi survey (written by 'netfix survey') to diagnose with")
      ->type_name("FILE");
}

void AddSurveyOptions(CLI::App* sub, Options* o) {
  // Not default_val(): CLI11 would store it at once, and survey_file is also
  // check's and report's --survey.
  sub->add_option("FILE", o->survey_file,
                  "the survey file to add to (created if missing; default netfix-survey.json)")
      ->type_name("FILE");
  sub->add_option("-r,--room", o->room,
                  "the room this sample is for; without it, list the survey's rooms")
      ->type_name("NAME");
  sub->add_option("--import", o->import_file,
                  "take the scan from FILE instead of scanning here (- for stdin)")
      ->type_name("FILE");
  sub->add_option("--from", o->import_format, "the format of --import")
      ->check(OneOf("auto|iw|nmcli|netsh|airport|system_profiler|pcap"))
      ->type_name("auto|iw|nmcli|netsh|airport|system_profiler|pcap")
      ->default_val("auto");
  sub->add_option("--near", o->near,
                  "the sample was taken next to the router or a repeater (for repeater placement)")
      ->check(OneOf("router|repeater"))
      ->type_name("router|repeater");
  sub->add_option("--ssid", o->own_ssids,
                  "the home's own network name, if netfix should not guess it (repeatable)")
      ->type_name("SSID");
  sub->add_flag("--replace", o->replace_room, "drop the room's earlier samples");
  sub->add_option("-i,--interface", o->scan.interface,
                  "Wi-Fi interface to scan (default: the first one)")
      ->type_name("IFACE");
  sub->add_option("--timeout", o->timeout_s, "upper bound for the scan, in seconds")
      ->check(CLI::Range(1.0, 3600.0).description(""))
      ->type_name("SECONDS")
      ->default_val(30);
}

void AddSendOptions(CLI::App* sub, Options* o) {
  sub->add_option("FILE", o->input, "the snapshot, report or survey to send; - for stdin")
      ->required()
      ->type_name("FILE");
  sub->add_option("--to", o->send_to,
                  "the support server's upload address (https:// only); the token is read from "
                  "NETFIX_SEND_TOKEN")
      ->required()
      ->type_name("URL");
  sub->add_option("--ca-file", o->ca_file,
                  "trust the certificate authority in this PEM file instead of the system's")
      ->type_name("FILE");
  sub->add_option("--timeout", o->timeout_s,
                  "upper bound for one attempt, in seconds (at most 3 attempts)")
      ->check(CLI::Range(1.0, 600.0).description(""))
      ->type_name("SECONDS")
      ->default_val(30);
}

// A mistyped subcommand gets "did you mean" instead of CLI11's generic
// "arguments were not expected".
bool CheckSubcommandSpelling(int argc, char** argv) {
  std::vector<std::string> names;
  for (const auto& s : kSubcommands) names.push_back(s.name);
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.empty() || arg[0] == '-') {
      // Options of the main app that take a value.
      if ((arg == "--lang" || arg == "--color") && i + 1 < argc) ++i;
      continue;
    }
    if (std::find(names.begin(), names.end(), arg) != names.end()) return true;
    std::string suggestion = util::ClosestMatch(arg, names);
    app::PrintError("unknown command '" + arg + "'" +
                        (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?"),
                    "run 'netfix --help' for the list of commands");
    return false;
  }
  return true;
}

}  // namespace

std::optional<Options> Parse(int argc, char** argv, ExitCode* exit_code) {
  Options o;
  CLI::App app("netfix " NETFIX_VERSION
               ": finds what is wrong with a home network (router, Wi-Fi, repeaters, TV\n"
               "receivers) and writes a fix-it report that customers and technicians can follow.",
               "netfix");
  app.set_version_flag("-V,--version", "netfix " NETFIX_VERSION);
  app.fallthrough();
  app.require_subcommand(1);

  std::string lang;
  app.add_option("--lang", lang, "language of the report (default: from LC_ALL/LC_MESSAGES/LANG)")
      ->check(OneOf("en|de"))
      ->type_name("en|de");
  std::map<std::string, app::ColorMode> colors = {{"auto", app::ColorMode::kAuto},
                                                  {"always", app::ColorMode::kAlways},
                                                  {"never", app::ColorMode::kNever}};
  Choice(app.add_option("--color", o.color, "color on the terminal (NO_COLOR is respected)"),
         colors, "auto|always|never")
      ->default_str("auto");
  app.add_flag("-q,--quiet", o.quiet,
               "no progress and no report on stdout (files and exit status only)");
  // Not excludes(): CLI11 would print "Excludes: ..." where --help shows an
  // option's value, which reads (and completes) as if -q took one.
  app.add_flag("-v,--verbose", o.verbose,
               "diagnostics on stderr: each probe's result, the interface, the files read and "
               "written; not with -q");

  std::map<std::string, CLI::App*> subs;
  for (const auto& s : kSubcommands) subs[s.name] = app.add_subcommand(s.name, s.summary);

  app.footer(kFooter);  // after the subcommands, which would inherit it
  AddScanOptions(subs["check"], &o);
  AddReportOptions(subs["check"], &o);
  AddSurveyInput(subs["check"], &o);
  AddRedactOption(subs["check"], &o);
  subs["check"]
      ->add_option("--snapshot", o.snapshot_out, "also save the snapshot (JSON) to FILE")
      ->type_name("FILE");
  AddLoadOptions(subs["check"], &o);

  AddScanOptions(subs["scan"], &o);
  AddLoadOptions(subs["scan"], &o);
  subs["scan"]
      ->add_option("-o,--output", o.snapshot_out, "write the snapshot to FILE (default: stdout)")
      ->type_name("FILE");
  AddRedactOption(subs["scan"], &o);

  subs["report"]
      ->add_option("FILE", o.input, "a snapshot (or a report) written by netfix; - for stdin")
      ->required();
  AddReportOptions(subs["report"], &o);
  AddSurveyInput(subs["report"], &o);
  AddRedactOption(subs["report"], &o);
  AddContractOption(subs["report"], &o);

  subs["diff"]
      ->add_option("BEFORE", o.diff_before, "the earlier snapshot or report; - for stdin")
      ->required()
      ->type_name("FILE");
  subs["diff"]
      ->add_option("AFTER", o.diff_after, "the later snapshot or report; - for stdin")
      ->required()
      ->type_name("FILE");
  AddReportOptions(subs["diff"], &o);
  AddRedactOption(subs["diff"], &o);

  AddSurveyOptions(subs["survey"], &o);
  AddServeOptions(subs["serve"], &o);

  subs["redact"]
      ->add_option("FILE", o.input, "a snapshot, a JSON report or a survey file; - for stdin")
      ->required();
  subs["redact"]
      ->add_option("-o,--output", o.redact_output,
                   "write the redacted file to FILE (default: stdout)")
      ->type_name("FILE");
  AddSendOptions(subs["send"], &o);
  AddRedactOption(subs["send"], &o);

  subs["devices"]->add_option("FILE", o.input,
                              "a snapshot (or report) to read instead of scanning");
  AddScanOptions(subs["devices"], &o);
  Choice(subs["devices"]->add_option("-f,--format", o.format, "output format"),
         std::map<std::string, report::Format>{{"text", report::Format::kText},
                                               {"json", report::Format::kJson}},
         "text|json")
      ->default_str("text");
  subs["devices"]->add_flag("--facts", o.facts, "also list every fact and the probe that saw it");
  AddRedactOption(subs["devices"], &o);

  // "man" is the catalog as a man page (man/netfix-checks.7 is made with it).
  std::string checks_format = "text";
  subs["checks"]
      ->add_option("-f,--format", checks_format, "output format")
      ->check(OneOf("text|json|man"))
      ->type_name("text|json|man")
      ->default_str("text");
  subs["explain"]
      ->add_option("CHECK", o.check_id, "a check id, as listed by 'netfix checks'")
      ->required();

  if (!CheckSubcommandSpelling(argc, argv)) {
    *exit_code = app::kExitCannotRun;
    return std::nullopt;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    *exit_code = static_cast<ExitCode>(app.exit(e));
    return std::nullopt;
  } catch (const CLI::CallForAllHelp& e) {
    *exit_code = static_cast<ExitCode>(app.exit(e));
    return std::nullopt;
  } catch (const CLI::CallForVersion& e) {
    *exit_code = static_cast<ExitCode>(app.exit(e));
    return std::nullopt;
  } catch (const CLI::ParseError& e) {
    std::string message = e.what();
    if (dynamic_cast<const CLI::RequiredError*>(&e) && app.get_subcommands().empty())
      message = "no command given";
    app::PrintError(message, "run 'netfix --help' for usage");
    *exit_code = app::kExitCannotRun;
    return std::nullopt;
  }

  if (o.quiet && o.verbose) {
    app::PrintError("-q (--quiet) and -v (--verbose) contradict each other", "use one of them");
    *exit_code = app::kExitCannotRun;
    return std::nullopt;
  }
  for (const auto& s : kSubcommands)
    if (subs[s.name]->parsed()) o.command = s.command;
  if (!lang.empty()) o.lang = model::LangFromString(lang);
  if (o.command == Command::kChecks) {
    std::string f = util::ToLower(checks_format);
    o.format = f == "json" ? report::Format::kJson : report::Format::kText;
    o.catalog_man = f == "man";
  }
  if (o.command == Command::kSurvey && o.survey_file.empty()) o.survey_file = "netfix-survey.json";
  o.scan.deadline = std::chrono::milliseconds(static_cast<long long>(o.timeout_s * 1000));
  // The load tests keep their own time (--load-duration each), on top of
  // --timeout, so that the default timeout does not cut them.
  int load_tests = (!o.scan.speed_url.empty() || !o.scan.upload_url.empty() ? 1 : 0) +
                   (o.scan.peer.empty() ? 0 : 1);
  o.scan.deadline += load_tests * o.scan.load_duration;
  if (o.scan.reference_resolvers.size() == 1 && o.scan.reference_resolvers[0] == "none")
    o.scan.reference_resolvers.clear();
  return o;
}

}  // namespace netfix::cli
