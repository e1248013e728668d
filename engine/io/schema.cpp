#include "engine/io/schema.h"

#include <algorithm>

#include "engine/nn/config.h"
#include "engine/text/corpus_options.h"
#include "engine/train/generate_options.h"
#include "engine/ngram/ngram_options.h"
#include "engine/ngram/ngram_query_options.h"
#include "engine/ngram/perplexity_options.h"
#include "engine/text/memory_task.h"
#include "engine/stats/stats_options.h"
#include "engine/train/lab_options.h"
#include "engine/train/run_options.h"
#include "engine/train/train_options.h"

namespace seqlab::schema {

namespace {

const std::vector<std::string>& session_group_names() {
  static const std::vector<std::string> names = {"corpus",   "task",     "stats", "ngram",
                                                   "perplexity", "model",  "train", "generate",
                                                   // the Gradients lab's calls and models
                                                   "probe",    "lossAndGradients", "linearRnn", "gateActivations",
                                                   "labModel", "labTrain"};
  return names;
}

// Whole runs and what the command line prints (the page's epoch limit is run's epochs, read from the schema
// the page carries, web/js/engine-schema.json).
const std::vector<std::string>& command_line_group_names() {
  static const std::vector<std::string> names = {"run", "evaluateText", "ngramQuery", "generateOutput"};
  return names;
}

std::vector<OptionSpec> command_line_group_specs(const std::string& group) {
  if (group == "run") return train::run_options().specs();
  if (group == "evaluateText") return train::evaluate_text_options().specs();
  if (group == "ngramQuery") return ngram_query_options().specs();
  return generate_output_options().specs();
}

// The specs of one of the Session's groups; throws for any other name.
std::vector<OptionSpec> session_group_specs(const std::string& group) {
  if (group == "corpus") return corpus_options().specs();
  if (group == "task") return text::task_options().specs();
  if (group == "stats") return stats_options().specs();
  if (group == "ngram") return ngram_options().specs();
  if (group == "perplexity") return perplexity_options().specs();
  if (group == "model") return nn::model_options().specs();
  if (group == "train") return train::train_options().specs();
  if (group == "generate") return generate_options().specs();
  if (group == "probe") return train::probe_options().specs();
  if (group == "lossAndGradients") return train::loss_and_gradients_options().specs();
  if (group == "linearRnn") return train::linear_rnn_options().specs();
  if (group == "gateActivations") return train::gate_activations_options().specs();
  if (group == "labModel") return train::lab_model_options().specs();
  if (group == "labTrain") return train::lab_train_options().specs();
  std::string allowed;
  for (const auto& name : group_names()) allowed += (allowed.empty() ? "" : ", ") + name;
  throw Error("schema: unknown option group '" + group + "' (allowed: " + allowed + ")");
}

void add_groups(Json& schema, const std::vector<std::string>& names,
                std::vector<OptionSpec> (*specs_of)(const std::string&)) {
  for (const auto& group : names) {
    Json list = Json::array();
    for (const auto& spec : specs_of(group)) list.push(spec_json(spec));
    schema.set(group, std::move(list));
  }
}

}  // namespace

const std::vector<std::string>& group_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all = session_group_names();
    all.insert(all.end(), command_line_group_names().begin(), command_line_group_names().end());
    return all;
  }();
  return names;
}

std::vector<OptionSpec> group_specs(const std::string& group) {
  const auto& command_line = command_line_group_names();
  if (std::find(command_line.begin(), command_line.end(), group) != command_line.end())
    return command_line_group_specs(group);
  return session_group_specs(group);
}

Json session_schema_json() {
  Json j = Json::object();
  add_groups(j, session_group_names(), session_group_specs);
  return j;
}

Json schema_json() {
  Json j = session_schema_json();
  add_groups(j, command_line_group_names(), command_line_group_specs);
  return j;
}

}  // namespace seqlab::schema
