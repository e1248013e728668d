#pragma once
// The option schema for JS (seqlab.schema() returns it) and for the CLI's flags (engine/io/schema.h).
#include <string>
#include <vector>

#include "engine/core/options.h"
#include "engine/core/json.h"

namespace seqlab::facade {

// {corpus: Spec[], stats: Spec[], ngram: Spec[], model: Spec[], train: Spec[], generate: Spec[]}
// with Spec = {key, type, default, min?, max?, minExclusive?, maxExclusive?, choices?, aliases?, help}.
Json schema();
// The groups a Session reads: the schema without the command line's groups (the page's module serves this).
Json session_schema();
// The specs of one group, in the schema's order (the CLI makes a flag of each). Throws on an unknown group.
std::vector<OptionSpec> group_specs(const std::string& group);

}  // namespace seqlab::facade
