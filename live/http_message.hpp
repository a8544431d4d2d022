// One HTTP exchange as the live twin sees it, free of any server library: what was asked, and the
// answer with how long to hold it back (a handler that hangs on a dead database answers late).
#pragma once

#include <string>

#include "sim/base/time.hpp"

namespace caracal::live {

struct HttpRequest {
    std::string method;  // "GET", ...
    std::string target;  // path and query, as sent
};

struct HttpResponse {
    int status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    std::string body;
    sim::Duration delay;  // sent this long after the request arrived
};

}  // namespace caracal::live
