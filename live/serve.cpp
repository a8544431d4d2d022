#include "live/serve.hpp"

#include <csignal>
#include <fstream>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "live/http_server.hpp"
#include "live/live_twin.hpp"
#include "sim/base/error.hpp"

namespace caracal::live {

namespace {

// How often the simulation catches up with the wall clock between requests, so rule evaluations
// and state changes happen in time even when nobody asks.
constexpr auto kPacingTick = std::chrono::milliseconds(100);

void write_status(const std::string& path, const nlohmann::json& status) {
    std::ofstream out(path);
    out << status.dump(2) << "\n";
    if (!out) throw sim::InputError(path, {}, "cannot write the scrape log");
}

}  // namespace

void serve(TwinSession& twin, const ServeOptions& options, std::ostream& out) {
    boost::asio::io_context io;
    // The origin on an evaluation tick boundary keeps the Unix phases of rule ticks the simulated ones.
    const WallClock clock(twin.start(), WallClock::aligned_origin(twin.profile().prometheus.evaluation_interval));
    std::unique_ptr<LiveTwin> live;
    HttpServer server(io, options.listen,
                      [&live](const HttpRequest& r, std::int64_t unix_ms) { return live->handle(r, unix_ms); });
    live = std::make_unique<LiveTwin>(twin, clock, server.address());
    live->advance_to(WallClock::now_unix_ms());
    out << "listening on http://" << server.address() << std::endl;

    std::string why = "the scenario ended";
    boost::asio::signal_set signals(io, SIGTERM, SIGINT);
    signals.async_wait([&](const boost::system::error_code& ec, int signal) {
        if (ec) return;
        why = signal == SIGTERM ? "SIGTERM" : "SIGINT";
        io.stop();
    });
    boost::asio::steady_timer pacing(io);
    std::function<void()> tick = [&] {
        live->advance_to(WallClock::now_unix_ms());
        if (live->ended()) {
            io.stop();
            return;
        }
        pacing.expires_after(kPacingTick);
        pacing.async_wait([&](const boost::system::error_code& ec) {
            if (!ec) tick();
        });
    };
    tick();
    io.run();

    nlohmann::json status = live->status();
    out << "stopped: " << why << " at simulated " << status["simulated_time"].get<std::string>() << std::endl;
    if (!options.scrape_log.empty()) write_status(options.scrape_log, status);
}

}  // namespace caracal::live
