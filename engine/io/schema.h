#pragma once
// The whole option schema: {corpus, task, stats, ngram, perplexity, model, train, generate, the lab's probe,
// lossAndGradients, linearRnn, gateActivations, labModel, labTrain, and the whole runs' and the command
// line's run, evaluateText, ngramQuery, generateOutput}, each a list of specs
// (engine/core/options.h spec_json): what seqlab.schema() returns and the CLI's flags and --help read.
#include <string>
#include <vector>

#include "engine/core/options.h"
#include "engine/core/json.h"

namespace seqlab::schema {

// The group names in their order.
const std::vector<std::string>& group_names();
// The specs of one group; throws seqlab::Error naming the allowed groups.
std::vector<OptionSpec> group_specs(const std::string& group);
Json schema_json();

}  // namespace seqlab::schema
