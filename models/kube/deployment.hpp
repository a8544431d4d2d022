// The pods of one service. Scaling down stops the highest-numbered pods (StatefulSet order);
// scaling up starts them again. The world hooks pod start/stop to scraping and readiness.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "models/kube/pod.hpp"

namespace caracal {

class Deployment {
public:
    Deployment(Service service, int replicas);

    Service service() const { return service_; }
    // Every pod ever created, running or not, in index order.
    const std::vector<std::unique_ptr<Pod>>& pods() const { return pods_; }
    std::vector<Pod*> running() const;
    std::vector<Pod*> ready() const;

    // Returns the pods whose running state changed.
    std::vector<Pod*> scale(int replicas);
    // Stops one pod (a rollout or an eviction takes it); the next scale() to a count above its
    // index starts it again. Returns it when it was running.
    Pod* stop(int index);

    // Round-robin over ready pods, as a Kubernetes Service spreads connections; nullptr if none.
    Pod* pick_ready();

private:
    Service service_;
    std::vector<std::unique_ptr<Pod>> pods_;
    std::size_t next_ = 0;
};

}  // namespace caracal
