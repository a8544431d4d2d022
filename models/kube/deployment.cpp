#include "models/kube/deployment.hpp"

namespace caracal {

Deployment::Deployment(Service service, int replicas) : service_(service) {
    for (int i = 0; i < replicas; ++i) pods_.push_back(std::make_unique<Pod>(service, i));
}

std::vector<Pod*> Deployment::running() const {
    std::vector<Pod*> out;
    for (const auto& p : pods_)
        if (p->running) out.push_back(p.get());
    return out;
}

std::vector<Pod*> Deployment::ready() const {
    std::vector<Pod*> out;
    for (const auto& p : pods_)
        if (p->ready()) out.push_back(p.get());
    return out;
}

std::vector<Pod*> Deployment::scale(int replicas) {
    while (static_cast<int>(pods_.size()) < replicas)
        pods_.push_back(std::make_unique<Pod>(service_, static_cast<int>(pods_.size())));
    std::vector<Pod*> changed;
    for (const auto& p : pods_) {
        const bool should_run = p->index < replicas;
        if (p->running != should_run) {
            p->running = should_run;
            changed.push_back(p.get());
        }
    }
    return changed;
}

Pod* Deployment::stop(int index) {
    if (index < 0 || index >= static_cast<int>(pods_.size()) || !pods_[index]->running) return nullptr;
    pods_[index]->running = false;
    return pods_[index].get();
}

Pod* Deployment::pick_ready() {
    const std::size_t n = pods_.size();
    for (std::size_t k = 0; k < n; ++k) {
        Pod* p = pods_[(next_ + k) % n].get();
        if (p->ready()) {
            next_ = (next_ + k + 1) % n;
            return p;
        }
    }
    return nullptr;
}

}  // namespace caracal
