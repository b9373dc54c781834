// The rules around an upload, against a fake uploader and a sleeper that
// only records: which failures are retried and how long netfix waits, what
// the user is told, which URLs, tokens and files are refused.
#include "io/upload_policy.h"

#include <catch2/catch.hpp>

#include "support/fake_uploader.h"

using namespace netfix::io;
using netfix::testing::Answer;
using netfix::testing::Failure;
using netfix::testing::FakeUploader;
using netfix::testing::RecordingSleeper;
using namespace std::chrono_literals;

namespace {

const std::string kToken = "s3cr3t-T0ken";

UploadRequest Request() {
  UploadRequest r;
  r.url = "https://support.example:8443/upload";
  r.body = R"({"schema": "netfix.snapshot/1"})";
  r.bearer_token = kToken;
  r.headers = {{"Content-Type", "application/json"}};
  return r;
}

struct Run {
  UploadOutcome outcome;
  std::vector<std::chrono::milliseconds> waits;
  std::vector<UploadRequest> requests;
  UploadProblem problem;
};

Run Send(std::vector<UploadResponse> replies) {
  FakeUploader uploader(std::move(replies));
  RecordingSleeper sleeper;
  UploadRequest request = Request();
  Run run;
  run.outcome = PostWithRetries(uploader, request, RetryPolicy{}, sleeper);
  run.waits = sleeper.waits;
  run.requests = uploader.requests();
  if (!run.outcome.ok()) run.problem = ExplainFailure(run.outcome, request);
  return run;
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("upload: a 2xx on the first attempt is sent once, without waiting") {
  Run run = Send({Answer(201, R"({"ticket": "NFX-1"})")});
  CHECK(run.outcome.ok());
  CHECK(run.outcome.attempts == 1);
  CHECK(run.waits.empty());
  REQUIRE(run.requests.size() == 1);
  CHECK(run.requests[0].bearer_token == kToken);
  CHECK(run.requests[0].body == Request().body);
}

TEST_CASE("upload: a 500 is retried after 1 s, and the second attempt's 200 wins") {
  Run run = Send({Answer(500, "oops", "text/plain"), Answer(200, R"({"ticket": "NFX-2"})")});
  CHECK(run.outcome.ok());
  CHECK(run.outcome.attempts == 2);
  CHECK(run.waits == std::vector<std::chrono::milliseconds>{1s});
  CHECK(run.outcome.last.body == R"({"ticket": "NFX-2"})");
  // Every attempt sends the same request.
  REQUIRE(run.requests.size() == 2);
  CHECK(run.requests[1].body == run.requests[0].body);
  CHECK(run.requests[1].headers == run.requests[0].headers);
}

TEST_CASE("upload: at most 3 attempts, 1 s then 2 s apart; the message counts them") {
  Run run = Send({Answer(503, "maintenance until 10:00", "text/plain")});
  CHECK_FALSE(run.outcome.ok());
  CHECK(run.outcome.attempts == 3);
  CHECK(run.waits == std::vector<std::chrono::milliseconds>{1s, 2s});
  CHECK(run.problem.message ==
        "support.example:8443 failed to take the file (HTTP 503): \"maintenance until 10:00\" "
        "(3 attempts)");
  CHECK(Has(run.problem.hint, "server's side"));
}

TEST_CASE("upload: a 429's Retry-After is honoured, but never beyond 10 s") {
  UploadResponse busy = Answer(429, "slow down", "text/plain");
  busy.retry_after_s = 5;
  Run run = Send({busy, Answer(200)});
  CHECK(run.outcome.ok());
  CHECK(run.waits == std::vector<std::chrono::milliseconds>{5s});

  busy.retry_after_s = 3600;
  run = Send({busy});
  CHECK(run.waits == std::vector<std::chrono::milliseconds>{10s, 10s});
  CHECK(Has(run.problem.message, "is busy (HTTP 429)"));
}

TEST_CASE("upload: a 4xx is not retried, and says what the server meant") {
  Run run = Send({Answer(401, R"({"error": "invalid token"})")});
  CHECK(run.outcome.attempts == 1);
  CHECK(run.waits.empty());
  CHECK(run.problem.message ==
        "support.example:8443 did not accept the token (HTTP 401): \"invalid token\"");
  CHECK(Has(run.problem.hint, "NETFIX_SEND_TOKEN"));
  CHECK_FALSE(Has(run.problem.message + run.problem.hint, kToken));

  run = Send({Answer(413, "", "text/plain")});
  CHECK(run.outcome.attempts == 1);
  CHECK(Has(run.problem.message, "refuses a file this large (HTTP 413"));

  for (int status : {400, 403, 404, 415, 422}) {
    run = Send({Answer(status)});
    CHECK(run.outcome.attempts == 1);
    CHECK(Has(run.problem.message, "(HTTP " + std::to_string(status) + ")"));
  }
}

TEST_CASE("upload: the server's answer is quoted only when it is short text") {
  Run run = Send({Answer(400, std::string(300, 'x'), "text/plain")});
  CHECK(run.problem.message == "support.example:8443 refused the file (HTTP 400)");
  run = Send({Answer(400, "binary", "application/octet-stream")});
  CHECK(run.problem.message == "support.example:8443 refused the file (HTTP 400)");
  run = Send({Answer(400, "bad\x1b[31m file\nsecond line", "text/plain")});
  CHECK(run.problem.message ==
        "support.example:8443 refused the file (HTTP 400): \"bad\\x1b[31m file second line\"");
}

TEST_CASE("upload: no connection, a timeout and an unknown name are retried") {
  for (UploadError e :
       {UploadError::kRefused, UploadError::kUnreachable, UploadError::kConnectTimeout,
        UploadError::kTimeout, UploadError::kResolve}) {
    Run run = Send({Failure(e, "libcurl says"), Answer(201, "ok", "text/plain")});
    INFO(ToString(e));
    CHECK(run.outcome.ok());
    CHECK(run.outcome.attempts == 2);
  }
  Run run = Send({Failure(UploadError::kRefused, "Connection refused")});
  CHECK(run.outcome.attempts == 3);
  CHECK(run.problem.message ==
        "support.example:8443 refused the connection: nothing listens there (3 attempts)");
  run = Send({Failure(UploadError::kResolve, "Could not resolve host")});
  CHECK(run.problem.message ==
        "cannot reach support.example:8443: the name does not resolve (DNS) (3 attempts)");
  run = Send({Failure(UploadError::kTimeout, "Operation timed out")});
  CHECK(run.problem.message == "support.example:8443 did not answer within 30 s (3 attempts)");
  CHECK(Has(run.problem.hint, "--timeout"));
}

TEST_CASE("upload: certificate problems are never retried and say which one") {
  struct Case {
    UploadError error;
    std::string message;
    std::string hint;
  };
  for (const Case& c : std::vector<Case>{
           {UploadError::kCertUntrusted, "is not signed by a trusted authority", "--ca-file"},
           {UploadError::kCertExpired, "has expired or is not valid yet", "date and time"},
           {UploadError::kCertNameMismatch, "is for another name", "intercepting"},
           {UploadError::kCertInvalid, "is not valid", "intercepting"},
           {UploadError::kTls, "no secure connection", "HTTPS port"},
       }) {
    Run run = Send({Failure(c.error, "SSL certificate problem")});
    INFO(ToString(c.error));
    CHECK(run.outcome.attempts == 1);
    CHECK(run.waits.empty());
    CHECK(Has(run.problem.message, c.message));
    CHECK(Has(run.problem.message, "(SSL certificate problem)"));
    CHECK(Has(run.problem.hint, c.hint));
  }
}

TEST_CASE("upload: a redirect is not followed and not retried") {
  UploadResponse moved = Failure(UploadError::kRedirect);
  moved.status = 301;
  moved.location = "https://elsewhere.example/upload";
  Run run = Send({moved});
  CHECK(run.outcome.attempts == 1);
  CHECK(run.problem.message ==
        "support.example:8443 answered with a redirect (HTTP 301 to "
        "https://elsewhere.example/upload); netfix does not follow redirects");
}

TEST_CASE("upload: a broken-off answer is not retried (the file may have arrived)") {
  Run run = Send({Failure(UploadError::kProtocol, "Empty reply from server")});
  CHECK(run.outcome.attempts == 1);
  CHECK(Has(run.problem.hint, "may or may not have arrived"));
}

TEST_CASE("upload: only https URLs without secrets in them") {
  CHECK(CheckUploadUrl("https://support.example/upload", kToken) == "");
  CHECK(CheckUploadUrl("HTTPS://support.example:8443/u?case=123", kToken) == "");
  CHECK(CheckUploadUrl("https://62.1.1.80/upload#x", kToken) == "");
  CHECK(Has(CheckUploadUrl("http://support.example/upload", kToken), "plain http"));
  CHECK(Has(CheckUploadUrl("ftp://support.example/upload", kToken), "not an https:// URL"));
  CHECK(Has(CheckUploadUrl("support.example/upload", kToken), "not an https:// URL"));
  CHECK(Has(CheckUploadUrl("https://support.example/u/" + kToken, kToken), "contains the token"));
  CHECK(Has(CheckUploadUrl("https://me:pw@support.example/", kToken), "user name or password"));
  CHECK(Has(CheckUploadUrl("https://support.example/u?token=abc", kToken), "'token='"));
  CHECK(Has(CheckUploadUrl("https://support.example/u?x=1&Access_Token=abc", kToken),
            "'Access_Token='"));
  CHECK(Has(CheckUploadUrl("https://support.example/u?api_key", kToken), "'api_key='"));
  CHECK(Has(CheckUploadUrl("https:///upload", kToken), "no server"));
  CHECK(Has(CheckUploadUrl("https://support.example/a b", kToken), "spaces"));
  // A message about a secret never repeats the URL.
  CHECK_FALSE(Has(CheckUploadUrl("https://me:pw@support.example/", kToken), "pw"));
}

TEST_CASE("upload: a token fit for a header") {
  CHECK(CheckToken(kToken) == "");
  CHECK(CheckToken("eyJhbGciOiJIUzI1NiJ9.e30.abc_-+/=") == "");
  CHECK(Has(CheckToken(""), "empty"));
  CHECK(Has(CheckToken("abc def"), "spaces"));
  CHECK(Has(CheckToken("abc\r\nX-Evil: 1"), "control"));
  CHECK(Has(CheckToken(std::string(9000, 'a')), "longer"));
}

TEST_CASE("upload: the host named in messages") {
  CHECK(HostOf("https://support.example/upload") == "support.example");
  CHECK(HostOf("https://support.example:8443?x") == "support.example:8443");
  CHECK(HostOf("https://user@support.example/") == "support.example");
  CHECK(HostOf("https://[2001:db8::1]:443/u") == "[2001:db8::1]:443");
}

TEST_CASE("upload: what a file is sent as") {
  std::string error;
  auto json = ClassifyUpload("home.json", R"({"schema": "netfix.snapshot/1", "x": 1})", &error);
  REQUIRE(json);
  CHECK(json->content_type == "application/json");
  CHECK(json->schema == "netfix.snapshot/1");
  auto report = ClassifyUpload("-", "\n {\"schema\": \"netfix.report/1\"}", &error);
  REQUIRE(report);
  CHECK(report->schema == "netfix.report/1");
  auto survey = ClassifyUpload("r.JSON", R"({"schema": "netfix.survey/1"})", &error);
  REQUIRE(survey);
  CHECK(survey->schema == "netfix.survey/1");

  auto html = ClassifyUpload("report.html", "<!DOCTYPE html><html></html>", &error);
  REQUIRE(html);
  CHECK(html->content_type == "text/html; charset=utf-8");
  CHECK(html->schema == "");
  auto piped = ClassifyUpload("-", "<!doctype html>\n<html>", &error);
  REQUIRE(piped);
  CHECK(piped->content_type == "text/html; charset=utf-8");
  auto md = ClassifyUpload("./dir.d/report.md", "# netfix", &error);
  REQUIRE(md);
  CHECK(md->content_type == "text/markdown; charset=utf-8");
  auto text = ClassifyUpload("report.txt", "netfix report", &error);
  REQUIRE(text);
  CHECK(text->content_type == "text/plain; charset=utf-8");

  CHECK_FALSE(ClassifyUpload("x.json", "{not json", &error));
  CHECK(error == "'x.json' is not valid JSON");
  CHECK_FALSE(ClassifyUpload("x.json", R"({"schema": "other/1"})", &error));
  CHECK(Has(error, "is not a netfix file"));
  CHECK_FALSE(ClassifyUpload("x.json", R"([1, 2])", &error));
  CHECK_FALSE(ClassifyUpload("photo.jpg", "\xff\xd8\xff", &error));
  CHECK(error == "'photo.jpg' is neither JSON, HTML, Markdown nor text");
  CHECK_FALSE(ClassifyUpload("dir.d/noext", "binary", &error));
}

TEST_CASE("upload: a schema with control characters cannot split the header") {
  std::string error;
  auto json = ClassifyUpload("x.json", "{\"schema\": \"netfix.x/1\\r\\nX-Evil: 1\"}", &error);
  REQUIRE(json);
  CHECK(json->schema.find('\n') == std::string::npos);
  CHECK(json->schema.find('\r') == std::string::npos);
}
