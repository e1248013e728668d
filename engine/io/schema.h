#pragma once
// The whole option schema: {corpus, task, stats, ngram, perplexity, model, train, generate, the lab's probe,
// lossAndGradients, linearRnn, gateActivations, labModel, labTrain, and the whole runs' and the command
// line's run, evaluateText, ngramQuery, generateOutput}, each a list of specs
// (engine/core/options.h spec_json): what seqlab.schema() returns and the CLI's flags and --help read.
// The Session's groups are apart from the command line's: the page's WebAssembly module serves the former
// only (session_schema_json), so that the tables only the command line reads are not in its download.
#include <string>
#include <vector>

#include "engine/core/options.h"
#include "engine/core/json.h"

namespace seqlab::schema {

// The group names in their order: the Session's, then the command line's.
const std::vector<std::string>& group_names();
// The specs of one group; throws seqlab::Error naming the allowed groups.
std::vector<OptionSpec> group_specs(const std::string& group);
// Every group.
Json schema_json();
// The groups a Session reads (every group but run, evaluateText, ngramQuery and generateOutput).
Json session_schema_json();

}  // namespace seqlab::schema
