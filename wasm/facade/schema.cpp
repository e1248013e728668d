#include "wasm/facade/schema.h"

#include "engine/io/schema.h"

namespace seqlab::facade {

io::Json schema() { return schema::schema_json(); }

}  // namespace seqlab::facade
