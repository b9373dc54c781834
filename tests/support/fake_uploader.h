// A fake of io::Uploader: answers from a script, one reply per attempt (the
// last one repeats), and records every request; and a Sleeper that records
// the waits instead of sleeping.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "io/upload.h"
#include "io/upload_policy.h"

namespace netfix::testing {

class FakeUploader final : public io::Uploader {
 public:
  explicit FakeUploader(std::vector<io::UploadResponse> replies) : replies_(std::move(replies)) {}

  io::UploadResponse Post(const io::UploadRequest& request) override {
    requests_.push_back(request);
    std::size_t i = std::min(requests_.size() - 1, replies_.size() - 1);
    return replies_[i];
  }
  const std::vector<io::UploadRequest>& requests() const { return requests_; }

 private:
  std::vector<io::UploadResponse> replies_;
  std::vector<io::UploadRequest> requests_;
};

class RecordingSleeper final : public io::Sleeper {
 public:
  void SleepFor(std::chrono::milliseconds duration) override { waits.push_back(duration); }
  std::vector<std::chrono::milliseconds> waits;
};

inline io::UploadResponse Answer(int status, std::string body = "",
                                 std::string content_type = "application/json") {
  io::UploadResponse r;
  r.status = status;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  return r;
}

inline io::UploadResponse Failure(io::UploadError error, std::string detail = "") {
  io::UploadResponse r;
  r.error = error;
  r.detail = std::move(detail);
  return r;
}

}  // namespace netfix::testing
