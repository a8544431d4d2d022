#include "sim/alerting/yaml_documents.hpp"

#include "sim/alerting/yaml_merge_keys.hpp"

#include <optional>
#include <sstream>

#include <yaml-cpp/eventhandler.h>

namespace sim::alerting {

namespace {

// Keeps nothing but where each document starts: a document that starts where the previous one did
// consumed nothing, and LoadAll would ask for it again for ever.
class DocumentStarts : public YAML::EventHandler {
public:
    void OnDocumentStart(const YAML::Mark& mark) override {
        if (last_ && last_->pos == mark.pos) throw YAML::ParserException(mark, "unexpected ',' outside a flow collection");
        last_ = mark;
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}

private:
    std::optional<YAML::Mark> last_;
};

}  // namespace

std::vector<YAML::Node> load_yaml_documents(const std::string& text) {
    std::istringstream in(text);
    YAML::Parser parser(in);
    DocumentStarts starts;
    while (parser.HandleNextDocument(starts)) {
    }
    auto docs = YAML::LoadAll(text);
    for (auto& doc : docs) resolve_merge_keys(doc);  // rule files: promtool reads them with yaml.v3
    return docs;
}

}  // namespace sim::alerting
