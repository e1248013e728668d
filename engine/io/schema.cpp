#include "engine/io/schema.h"

#include "engine/nn/model_options.h"
#include "engine/text/corpus_options.h"
#include "engine/train/generate_options.h"
#include "engine/ngram/ngram_options.h"
#include "engine/ngram/ngram_query_options.h"
#include "engine/ngram/perplexity_options.h"
#include "engine/text/task_options.h"
#include "engine/stats/stats_options.h"
#include "engine/train/lab_options.h"
#include "engine/train/run_options.h"
#include "engine/train/train_options.h"

namespace seqlab::schema {

namespace {

// One group of the schema: its name and its table's specs.
struct Group {
  const char* name;
  std::vector<OptionSpec> (*specs)();
};

template <auto& table_of>
std::vector<OptionSpec> specs_of() {
  return table_of().specs();
}

// The Session's groups, in the schema's order.
const std::vector<Group>& session_groups() {
  static const std::vector<Group> groups = {
      {"corpus", specs_of<corpus_options>},
      {"task", specs_of<text::task_options>},
      {"stats", specs_of<stats_options>},
      {"ngram", specs_of<ngram_options>},
      {"perplexity", specs_of<perplexity_options>},
      {"model", specs_of<nn::model_options>},
      {"train", specs_of<train::train_options>},
      {"generate", specs_of<generate_options>},
      // the Gradients lab's calls and models
      {"probe", specs_of<train::probe_options>},
      {"lossAndGradients", specs_of<train::loss_and_gradients_options>},
      {"linearRnn", specs_of<train::linear_rnn_options>},
      {"gateActivations", specs_of<train::gate_activations_options>},
      {"labModel", specs_of<train::lab_model_options>},
      {"labTrain", specs_of<train::lab_train_options>},
      // a whole run (Session::begin_run; the page's epoch limit is its epochs)
      {"run", specs_of<train::run_options>},
  };
  return groups;
}

// What only the command line reads and prints. Apart from the Session's so that session_schema_json, the page
// module's, reaches none of their tables.
const std::vector<Group>& command_line_groups() {
  static const std::vector<Group> groups = {
      {"evaluateText", specs_of<train::evaluate_text_options>},
      {"ngramQuery", specs_of<ngram_query_options>},
      {"generateOutput", specs_of<generate_output_options>},
  };
  return groups;
}

void add_groups(Json& schema, const std::vector<Group>& groups) {
  for (const auto& group : groups) {
    Json list = Json::array();
    for (const auto& spec : group.specs()) list.push(spec_json(spec));
    schema.set(group.name, std::move(list));
  }
}

}  // namespace

const std::vector<std::string>& group_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all;
    for (const auto* groups : {&session_groups(), &command_line_groups()})
      for (const auto& group : *groups) all.push_back(group.name);
    return all;
  }();
  return names;
}

std::vector<OptionSpec> group_specs(const std::string& group) {
  for (const auto* groups : {&session_groups(), &command_line_groups()})
    for (const auto& g : *groups)
      if (group == g.name) return g.specs();
  std::string allowed;
  for (const auto& name : group_names()) allowed += (allowed.empty() ? "" : ", ") + name;
  throw Error("schema: unknown option group '" + group + "' (allowed: " + allowed + ")");
}

Json session_schema_json() {
  Json j = Json::object();
  add_groups(j, session_groups());
  return j;
}

Json schema_json() {
  Json j = session_schema_json();
  add_groups(j, command_line_groups());
  return j;
}

}  // namespace seqlab::schema
