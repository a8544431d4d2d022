#include "sim/alertmanager/route_tree_text.hpp"

#include <vector>

#include "sim/alertmanager/matcher_syntax.hpp"
#include "sim/alertmanager/route_match.hpp"

namespace sim::alertmanager {

namespace {

struct TreeNode {
    std::string text;
    std::vector<TreeNode> children;
};

// amtool separates the parts of a route's line with two spaces.
constexpr const char* kSeparator = "  ";

std::string route_line(const Route& r, bool show_continue, bool show_receiver) {
    std::string out = r.matchers.empty() ? "default-route" : format_matchers(r.matchers);
    if (show_continue && r.continue_matching) out += std::string(kSeparator) + "continue: true";
    if (show_receiver) out += std::string(kSeparator) + "receiver: " + r.receiver;
    return out;
}

TreeNode whole_tree(const Route& r) {
    TreeNode node{route_line(r, true, true), {}};
    for (const auto& child : r.routes) node.children.push_back(whole_tree(child));
    return node;
}

// The same walk as matching_routes, keeping the inner routes passed through.
TreeNode matching_tree(const Route& r, const tsdb::Labels& labels) {
    TreeNode node{route_line(r, false, false), {}};
    for (const auto& child : r.routes) {
        if (!matches_all(child.matchers, labels)) continue;
        node.children.push_back(matching_tree(child, labels));
        if (!child.continue_matching) break;
    }
    if (node.children.empty()) node.text = route_line(r, false, true);
    return node;
}

// treeprint 1.0: a branch still open below draws `│` and two no-break spaces and a space.
void draw(const std::vector<TreeNode>& nodes, const std::string& indent, std::string& out) {
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const bool last = i + 1 == nodes.size();
        out += indent + (last ? "└── " : "├── ") + nodes[i].text + "\n";
        draw(nodes[i].children, indent + (last ? "    " : "│\u00a0\u00a0 "), out);
    }
}

std::string draw_tree(TreeNode top) {
    std::string out = ".\n";
    draw({std::move(top)}, "", out);
    return out;
}

}  // namespace

std::string route_tree_text(const Route& root) { return draw_tree(whole_tree(root)); }

std::string matching_tree_text(const Route& root, const tsdb::Labels& labels) {
    return draw_tree(matching_tree(root, labels));
}

}  // namespace sim::alertmanager
