// A small HTTP/1.1 server on Boost.Beast (Boost is already a dependency; Beast is header-only and
// in Debian's libboost-dev, so it adds no package): keep-alive connections, one handler for every
// request, and answers held back by the handler's delay without blocking other connections. All
// work runs on the io_context's thread, so the handler needs no locking.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "live/http_message.hpp"

namespace boost::asio {
class io_context;
}

namespace caracal::live {

// Called with each request and its arrival instant (Unix ms).
using HttpHandler = std::function<HttpResponse(const HttpRequest&, std::int64_t unix_ms)>;

class HttpServer {
public:
    // Listens on `listen` ("host:port"; port 0 picks a free one) and serves while `io` runs.
    // Throws sim::InputError naming --listen when the address is malformed or cannot be bound.
    HttpServer(boost::asio::io_context& io, const std::string& listen, HttpHandler handler);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // "host:port" actually bound.
    std::string address() const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace caracal::live
