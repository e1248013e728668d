#include "wasm/facade/schema.h"

#include "engine/io/schema.h"

namespace seqlab::facade {

Json schema() { return schema::schema_json(); }
Json session_schema() { return schema::session_schema_json(); }
std::vector<OptionSpec> group_specs(const std::string& group) { return schema::group_specs(group); }

}  // namespace seqlab::facade
