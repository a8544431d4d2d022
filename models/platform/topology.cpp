#include "models/platform/topology.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <utility>

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/reverse_graph.hpp>

namespace caracal {

namespace {

template <typename Vertex>
struct DiscoveryRecorder : boost::default_bfs_visitor {
    std::vector<Vertex>* found;
    template <typename G>
    void discover_vertex(Vertex v, const G&) const {
        found->push_back(v);
    }
};

// Every vertex reachable from `from` in `g`, `from` excluded.
template <typename G, typename Vertex>
std::vector<Vertex> reachable(const G& g, Vertex from) {
    std::vector<Vertex> found;
    boost::breadth_first_search(g, from, boost::visitor(DiscoveryRecorder<Vertex>{{}, &found}));
    found.erase(found.begin());  // `from` is discovered first
    return found;
}

std::string dot_quote(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + '"';
}

}  // namespace

void Topology::add_component(const std::string& name, ComponentKind kind) {
    if (name.empty()) throw std::invalid_argument("topology: component name must not be empty");
    if (has(name)) throw std::invalid_argument("topology: duplicate component '" + name + "'");
    by_name_.emplace(name, boost::add_vertex(Component{name, kind}, graph_));
}

void Topology::add_dependency(std::string_view dependent, std::string_view dependency, DependencyKind kind) {
    const Vertex from = vertex(dependent);
    const Vertex to = vertex(dependency);
    if (from == to) throw std::invalid_argument("topology: '" + std::string(dependent) + "' cannot depend on itself");
    if (boost::edge(from, to, graph_).second)
        throw std::invalid_argument("topology: '" + std::string(dependent) + "' already depends on '" +
                                    std::string(dependency) + "'");
    boost::add_edge(from, to, Dependency{kind}, graph_);
}

bool Topology::has(std::string_view name) const { return by_name_.find(name) != by_name_.end(); }

Topology::Vertex Topology::vertex(std::string_view name) const {
    const auto it = by_name_.find(name);
    if (it == by_name_.end()) throw std::invalid_argument("topology: unknown component '" + std::string(name) + "'");
    return it->second;
}

ComponentKind Topology::kind(std::string_view name) const { return graph_[vertex(name)].kind; }

std::vector<std::string> Topology::dependencies_of(std::string_view name) const {
    std::vector<std::string> out;
    for (const auto e : boost::make_iterator_range(boost::out_edges(vertex(name), graph_)))
        out.push_back(graph_[boost::target(e, graph_)].name);
    std::sort(out.begin(), out.end());
    return out;
}

BlastRadius Topology::blast_radius(std::string_view name) const {
    const Vertex failed = vertex(name);
    // Readiness fails along hard edges only; whatever else depends on the component degrades.
    const auto hard_only = [this](Graph::edge_descriptor e) { return graph_[e].kind == DependencyKind::Hard; };
    const boost::filtered_graph<Graph, std::function<bool(Graph::edge_descriptor)>> hard(graph_, hard_only);
    const std::vector<Vertex> unready = reachable(boost::make_reverse_graph(hard), failed);
    const std::vector<Vertex> affected = reachable(boost::make_reverse_graph(graph_), failed);

    BlastRadius radius;
    for (const Vertex v : unready) radius.unready.push_back(graph_[v].name);
    for (const Vertex v : affected)
        if (std::find(unready.begin(), unready.end(), v) == unready.end()) radius.degraded.push_back(graph_[v].name);
    std::sort(radius.unready.begin(), radius.unready.end());
    std::sort(radius.degraded.begin(), radius.degraded.end());
    return radius;
}

std::string Topology::to_dot(std::string_view graph_name) const {
    std::string out = "digraph " + dot_quote(graph_name) + " {\n";
    for (const auto& [name, v] : by_name_)  // by_name_ is sorted
        out += "  " + dot_quote(name) +
               (graph_[v].kind == ComponentKind::Datastore ? " [shape=cylinder];\n" : " [shape=box];\n");
    struct Edge {
        std::string from;
        std::string to;
        bool soft;
        auto operator<=>(const Edge&) const = default;
    };
    std::vector<Edge> edges;
    for (const auto e : boost::make_iterator_range(boost::edges(graph_)))
        edges.push_back(Edge{graph_[boost::source(e, graph_)].name, graph_[boost::target(e, graph_)].name,
                             graph_[e].kind == DependencyKind::Soft});
    std::sort(edges.begin(), edges.end());
    for (const Edge& e : edges)
        out += "  " + dot_quote(e.from) + " -> " + dot_quote(e.to) + (e.soft ? " [style=dashed];\n" : ";\n");
    return out + "}\n";
}

}  // namespace caracal
