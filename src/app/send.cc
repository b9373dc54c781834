#include "app/send.h"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "app/app.h"
#include "app/files.h"
#include "app/redact.h"
#include "app/terminal.h"
#include "io/upload.h"
#include "io/upload_policy.h"
#include "report/sanitize.h"
#include "util/strings.h"

namespace netfix::app {

namespace {

constexpr std::chrono::milliseconds kConnectTimeout{5000};

std::string Size(std::size_t bytes) {
  if (bytes < 1024 * 1024) return std::to_string((bytes + 1023) / 1024) + " KiB";
  return util::FormatFixed(static_cast<double>(bytes) / (1024.0 * 1024.0), 1) + " MiB";
}

const std::string kTooLargeHint =
    "send the JSON snapshot ('netfix scan -o FILE.json'), which is much smaller, or ask support "
    "for another way";

bool TooLarge(const std::string& path, std::size_t bytes) {
  if (bytes <= kMaxSendBytes) return false;
  PrintError("'" + path + "' is " + Size(bytes) + "; netfix sends at most " + Size(kMaxSendBytes),
             kTooLargeHint);
  return true;
}

// The file, read only when it is not too large to send.
bool ReadUpload(const std::string& path, std::string* bytes) {
  struct stat st {};
  if (path != "-" && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
      TooLarge(path, static_cast<std::size_t>(st.st_size)))
    return false;
  std::string error;
  if (!ReadWholeFile(path, bytes, &error)) {
    PrintError(error);
    return false;
  }
  return !TooLarge(path, bytes->size());
}

// The server's answer, on stdout: its lines, with anything a terminal would
// act on made visible.
void PrintAnswer(const std::string& body) {
  std::string out;
  for (const auto& line : util::SplitLines(body)) out += report::EscapeUntrusted(line) + "\n";
  std::cout << out << std::flush;
}

// --redact: JSON files (snapshot, report, survey) get pseudonyms before they
// leave; a rendered HTML or Markdown report cannot be taken apart again.
bool RedactForSending(const Options& o, std::string* body) {
  std::string redacted;
  auto first = body->find_first_not_of(" \t\r\n");
  if (first == std::string::npos || (*body)[first] != '{') {
    PrintError(
        "--redact works on JSON files (snapshot, report or survey), not on '" + o.input + "'",
        "write the report redacted instead: netfix report --redact -o report.html "
        "SNAPSHOT, then send that");
    return false;
  }
  if (!RedactJsonText(o.input, *body, ChooseLang(o), &redacted)) return false;
  *body = std::move(redacted);
  return true;
}

}  // namespace

ExitCode RunSend(const Options& o) {
  const char* token_env = std::getenv(kSendTokenVariable);
  std::string token = token_env != nullptr ? token_env : "";
  if (token_env == nullptr) {
    PrintError(std::string(kSendTokenVariable) + " is not set: netfix sends only with a token",
               "export NETFIX_SEND_TOKEN=... with the token support gave you (it is read from "
               "the environment so that it never shows in a command line)");
    return kExitCannotRun;
  }
  if (std::string problem = io::CheckToken(token); !problem.empty()) {
    PrintError(problem, "set it to exactly the token support gave you");
    return kExitCannotRun;
  }
  if (std::string problem = io::CheckUploadUrl(o.send_to, token); !problem.empty()) {
    PrintError(problem, "give the address as --to https://HOST/PATH; the token goes only in " +
                            std::string(kSendTokenVariable));
    return kExitCannotRun;
  }
  if (!o.ca_file.empty()) {
    std::string pem, error;
    if (!ReadWholeFile(o.ca_file, &pem, &error) || o.ca_file == "-") {
      PrintError(error.empty() ? "--ca-file cannot be standard input" : error,
                 "--ca-file takes a PEM file with the certificate of support's certificate "
                 "authority");
      return kExitCannotRun;
    }
  }
  io::UploadRequest request;
  if (!ReadUpload(o.input, &request.body)) return kExitCannotRun;
  std::string error;
  if (o.redact && !RedactForSending(o, &request.body)) return kExitCannotRun;
  std::optional<io::UploadContent> content = io::ClassifyUpload(o.input, request.body, &error);
  if (!content) {
    PrintError(error,
               "netfix send takes what netfix writes: snapshots and reports (.json, .html, .md, "
               ".txt) and surveys");
    return kExitCannotRun;
  }
  request.url = o.send_to;
  request.bearer_token = token;
  request.ca_file = o.ca_file;
  request.headers.emplace_back("Content-Type", content->content_type);
  if (!content->schema.empty()) request.headers.emplace_back("X-Netfix-Schema", content->schema);
  request.total_timeout = std::chrono::milliseconds(static_cast<long long>(o.timeout_s * 1000));
  request.connect_timeout = std::min(kConnectTimeout, request.total_timeout);

  PrintVerbose("sending '" + o.input + "' (" + std::to_string(request.body.size()) + " bytes, " +
               content->content_type + ") to " + io::HostOf(request.url));
  std::unique_ptr<io::Uploader> uploader = io::MakeCurlUploader();
  io::RetryPolicy policy;
  io::UploadOutcome outcome = io::PostWithRetries(
      *uploader, request, policy, io::RealSleeper(),
      [&](int attempt, const io::UploadResponse& failed, std::chrono::milliseconds wait) {
        if (o.quiet) return;
        io::UploadOutcome one{failed, 1};
        std::fprintf(
            stderr, "netfix: note: attempt %d of %d failed: %s; trying again in %s\n", attempt,
            policy.max_attempts, io::ExplainFailure(one, request).message.c_str(),
            (util::FormatFixed(static_cast<double>(wait.count()) / 1000.0, 0) + " s").c_str());
      });
  if (!outcome.ok()) {
    io::UploadProblem problem = io::ExplainFailure(outcome, request);
    PrintError(problem.message, problem.hint);
    return kExitCannotRun;
  }
  if (!o.quiet)
    std::fprintf(stderr, "netfix: note: sent '%s' (%s) to %s (HTTP %d)\n",
                 report::EscapeUntrusted(o.input).c_str(), Size(request.body.size()).c_str(),
                 io::HostOf(request.url).c_str(), outcome.last.status);
  PrintAnswer(outcome.last.body);
  return kExitClean;
}

}  // namespace netfix::app
