#include "live/http_server.hpp"

// The asio parts in use, not <boost/asio.hpp>: its coroutine header in Boost 1.74 does not build as C++20.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "live/wall_clock.hpp"
#include "sim/base/error.hpp"

namespace caracal::live {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// One connection: read a request, answer it (after its delay), read the next, until the peer
// closes or errs.
class Connection : public std::enable_shared_from_this<Connection> {
public:
    Connection(tcp::socket socket, HttpHandler handler)
        : socket_(std::move(socket)), timer_(socket_.get_executor()), handler_(std::move(handler)) {}

    void read() {
        request_ = {};
        http::async_read(socket_, buffer_, request_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (!ec) self->answer();
        });
    }

private:
    void answer() {
        const HttpResponse r =
            handler_({std::string(request_.method_string()), std::string(request_.target())}, WallClock::now_unix_ms());
        response_ = {};
        response_.version(request_.version());
        response_.result(static_cast<unsigned>(r.status));
        response_.set(http::field::content_type, r.content_type);
        response_.keep_alive(request_.keep_alive());
        response_.body() = r.body;
        response_.prepare_payload();
        timer_.expires_after(std::chrono::milliseconds(r.delay.ms()));
        timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (!ec) self->write();
        });
    }

    void write() {
        http::async_write(socket_, response_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec || !self->response_.keep_alive()) {
                beast::error_code ignored;
                self->socket_.shutdown(tcp::socket::shutdown_send, ignored);
                return;
            }
            self->read();
        });
    }

    tcp::socket socket_;
    asio::steady_timer timer_;
    HttpHandler handler_;
    beast::flat_buffer buffer_;
    http::request<http::string_body> request_;
    http::response<http::string_body> response_;
};

tcp::endpoint parse_listen(const std::string& listen) {
    const auto bad = [&](const std::string& why) { return sim::InputError("--listen", {}, why + ": " + listen); };
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) throw bad("expected host:port");
    std::string host = listen.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    const std::string port = listen.substr(colon + 1);
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(port) > 65535)
        throw bad("expected a port number 0-65535");
    beast::error_code ec;
    const asio::ip::address address = asio::ip::make_address(host.empty() ? "127.0.0.1" : host, ec);
    if (ec) throw bad("expected a numeric IP address");
    return {address, static_cast<unsigned short>(std::stoi(port))};
}

}  // namespace

struct HttpServer::Impl : std::enable_shared_from_this<Impl> {
    Impl(asio::io_context& io, HttpHandler h) : acceptor(io), handler(std::move(h)) {}

    void accept() {
        acceptor.async_accept([self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted) return;
            if (!ec) std::make_shared<Connection>(std::move(socket), self->handler)->read();
            self->accept();
        });
    }

    tcp::acceptor acceptor;
    HttpHandler handler;
};

HttpServer::HttpServer(asio::io_context& io, const std::string& listen, HttpHandler handler)
    : impl_(std::make_shared<Impl>(io, std::move(handler))) {
    const tcp::endpoint endpoint = parse_listen(listen);
    beast::error_code ec;
    impl_->acceptor.open(endpoint.protocol(), ec);
    if (!ec) impl_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) impl_->acceptor.bind(endpoint, ec);
    if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw sim::InputError("--listen", {}, "cannot listen on " + listen + ": " + ec.message());
    impl_->accept();
}

HttpServer::~HttpServer() {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
}

std::string HttpServer::address() const {
    const tcp::endpoint e = impl_->acceptor.local_endpoint();
    const std::string host = e.address().is_v6() ? "[" + e.address().to_string() + "]" : e.address().to_string();
    return host + ":" + std::to_string(e.port());
}

}  // namespace caracal::live
