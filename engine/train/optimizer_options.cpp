// The optimizer's names (declared in engine/train/optimizer.h) and option table. A file of their own, apart
// from the update step's kernels: they run once per request, and the WebAssembly build compiles every
// engine/*/*_options.cpp for size (CMakeLists.txt) while the kernels stay at -O3.
#include "engine/train/optimizer_options.h"

#include <string>
#include <utility>
#include <vector>

#include "engine/core/error.h"

namespace seqlab::train {

const std::vector<std::pair<std::string, OptimizerKind>>& optimizer_kind_names() {
  static const std::vector<std::pair<std::string, OptimizerKind>> names = {
      {"sgd", OptimizerKind::Sgd}, {"momentum", OptimizerKind::Momentum}, {"adam", OptimizerKind::Adam}};
  return names;
}

OptimizerKind parse_optimizer_kind(const std::string& name) {
  for (const auto& [n, kind] : optimizer_kind_names())
    if (n == name) return kind;
  std::string list;
  for (const auto& [n, kind] : optimizer_kind_names()) list += (list.empty() ? "" : "|") + n;
  throw Error("optimizer must be one of " + list + ", got '" + name + "'");
}

const char* optimizer_kind_name(OptimizerKind kind) {
  for (const auto& [n, k] : optimizer_kind_names())
    if (k == kind) return n.c_str();
  return "sgd";
}

// The entries the train group lifts (engine/train/train_options.cpp), so their messages name it.
SEQLAB_OPTION_TABLE(OptimizerOptions, optimizer_options, "train") {
  using O = OptimizerOptions;
  t.options = {
      choice_option<O>("optimizer", SEQLAB_FIELD(kind), optimizer_kind_names(),
                       "sgd (D2L), momentum (PyTorch SGD with momentum) or adam"),
      number_option<O>("lr", SEQLAB_FIELD(lr), 0, 1e4, "learning rate"),
      number_option<O>("momentum", SEQLAB_FIELD(momentum), 0, 1, "momentum: the velocity's decay mu"),
      number_option<O>("beta1", SEQLAB_FIELD(beta1), 0, 1, "adam: decay of the first moment"),
      number_option<O>("beta2", SEQLAB_FIELD(beta2), 0, 1, "adam: decay of the second moment"),
      number_option<O>("eps", SEQLAB_FIELD(eps), 0, 1, "adam: added to the root of the second moment"),
  };
  t.options[1].spec.min_exclusive = true;  // lr in (0, 10000]
  for (int i = 2; i <= 4; ++i) t.options[i].spec.max_exclusive = true;  // momentum, beta1, beta2 in [0, 1)
  t.options[5].spec.min_exclusive = true;  // eps in (0, 1]
}

void OptimizerOptions::validate() const { validate_options(optimizer_options(), *this); }

}  // namespace seqlab::train
