// `caracal-twin serve`: a LiveTwin on an HttpServer, the simulation paced by the wall clock, until
// the scenario's end or SIGTERM/SIGINT.
#pragma once

#include <ostream>
#include <string>

#include "models/twin/twin.hpp"

namespace caracal::live {

struct ServeOptions {
    std::string listen = "127.0.0.1:9469";
    std::string scrape_log;  // where the final status (scrape log included) goes; empty: nowhere
};

// Prints "listening on http://ADDR" (flushed) once bound and "stopped: ..." at the end to `out`.
// Throws sim::InputError when the address cannot be bound or the scrape log cannot be written.
void serve(TwinSession& twin, const ServeOptions& options, std::ostream& out);

}  // namespace caracal::live
