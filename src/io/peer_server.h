// `netfix serve`: the far end of the home-leg test. A small HTTP/1.1 server
// and a UDP echo responder on the same port number:
//   GET  /                 {"service":"netfix-serve","version":...}
//   GET  /download?bytes=N N bytes (capped), Content-Length known
//   POST /upload           reads and discards the body, answers {"bytes":N}
//   anything else          404
//   UDP                    a datagram of at most 64 bytes that starts with
//                          "NFXE" goes back as it came (rate-limited);
//                          everything else is ignored
// Bounded everywhere: connections, request head size, idle time per
// connection, bytes per request, echoes per second. One thread, poll(2).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "io/clock.h"
#include "io/result.h"
#include "wire/http_request.h"

namespace netfix::io {

inline constexpr int kPeerServerPort = 8086;
inline constexpr char kPeerServiceName[] = "netfix-serve";

struct PeerServerLimits {
  int max_connections = 16;
  Duration idle_timeout = std::chrono::seconds(15);
  std::size_t max_head_bytes = 8192;
  long long max_download_bytes = 2LL << 30;
  long long max_upload_bytes = 4LL << 30;
  int echoes_per_second = 200;
};

struct PeerServerOptions {
  std::string bind = "0.0.0.0";
  int port = kPeerServerPort;  ///< 0: any free port (tests)
  std::string version;         ///< answered on GET /
  PeerServerLimits limits;
};

/// What a request asks for (pure, so that it can be tested without sockets).
struct PeerRoute {
  enum class Kind {
    kInfo,            ///< GET /
    kDownload,        ///< GET /download?bytes=N
    kUpload,          ///< POST /upload with a Content-Length
    kNotFound,        ///< 404
    kBadRequest,      ///< 400: e.g. /download without a byte count
    kLengthRequired,  ///< 411: an upload without Content-Length (or chunked)
    kTooLarge,        ///< 413: an upload above the limit
  };
  Kind kind = Kind::kNotFound;
  long long bytes = 0;  ///< download: bytes to send (capped); upload: the body length
};

PeerRoute RoutePeerRequest(const wire::HttpRequestHead& head, const PeerServerLimits& limits);

/// A datagram `netfix serve` echoes.
bool IsEchoRequest(const void* data, std::size_t size);

struct PeerServerStats {
  long long connections = 0;
  long long requests = 0;
  long long bytes_sent = 0;
  long long bytes_received = 0;
  long long echoes = 0;
};

class PeerServer {
 public:
  ~PeerServer();
  PeerServer(const PeerServer&) = delete;
  PeerServer& operator=(const PeerServer&) = delete;

  /// The TCP and UDP port (the chosen one when options.port was 0).
  int port() const;
  /// Serves until `stopped()` (polled at least every 200 ms) or `until`.
  void Run(const std::function<bool()>& stopped, std::optional<TimePoint> until);
  PeerServerStats stats() const;

  struct Impl;
  explicit PeerServer(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

/// Binds the TCP listener and the UDP socket. Errors name the place:
/// "cannot listen on 0.0.0.0:8086: Address already in use".
Result<std::unique_ptr<PeerServer>> OpenPeerServer(const PeerServerOptions& options);

}  // namespace netfix::io
