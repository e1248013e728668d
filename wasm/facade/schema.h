#pragma once
// The option schema for JS: seqlab.schema() returns it (engine/io/schema.h).
#include "engine/io/json.h"

namespace seqlab::facade {

// {corpus: Spec[], stats: Spec[], ngram: Spec[], model: Spec[], train: Spec[], generate: Spec[]}
// with Spec = {key, type, default, min?, max?, minExclusive?, maxExclusive?, choices?, aliases?, help}.
io::Json schema();

}  // namespace seqlab::facade
