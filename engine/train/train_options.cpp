#include "engine/train/train_options.h"

#include "engine/core/split.h"
#include "engine/train/optimizer_options.h"

namespace seqlab::train {

SEQLAB_OPTION_TABLE(TrainOptions, train_options, "train") {
  using O = TrainOptions;
  t.options = {
      int_option<O>("batch", SEQLAB_FIELD(batch), 1, 4096, "minibatch size B"),
      int_option<O>("steps", SEQLAB_FIELD(steps), 1, 4096, "time steps T per subsequence (num_steps)"),
      choice_option<O>("iterator", SEQLAB_FIELD(iterator), iterator_kind_names(),
                       "random: fresh state per minibatch; sequential: the state carried across minibatches"),
  };
  for (const auto& o : optimizer_options().options)
    t.options.push_back(nested_option<O>(o, SEQLAB_FIELD(optimizer)));
  t.options.push_back(number_option<O>("clip", SEQLAB_FIELD(clip), 0, 1e6,
                                       "theta of global gradient-norm clipping; 0 = off"));

  for (const auto& o : truncation_options().options)
    t.options.push_back(nested_option<O>(o, SEQLAB_FIELD(truncation)));
  t.options.push_back(int_option<O>("seed", SEQLAB_FIELD(seed), 0, kMaxSafeInteger,
                                    "seeds every random choice: weights, iterator offsets and shuffles, truncation"));
  t.check = [](const O& o) {
    check_option_value(val_fraction_spec(), Json(o.val_fraction), "corpus");
    if (!o.samples.empty() && (o.steps != o.samples.length - 1 || o.iterator != IteratorKind::Random))
      throw Error("train options: the corpus is a task of samples of " + std::to_string(o.samples.length) +
                  " tokens, served whole: steps must be " + std::to_string(o.samples.length - 1) +
                  " and iterator random, got steps " + std::to_string(o.steps) + " and iterator " +
                  iterator_kind_name(o.iterator));
  };
}

SEQLAB_OPTION_TABLE(nn::Truncation, truncation_options, "truncation") {
  using O = nn::Truncation;
  Option<O> truncation = choice_option<O>(
      "truncation", SEQLAB_FIELD(kind),
      std::vector<std::pair<std::string, O::Kind>>{{"full", O::Kind::Full}, {"fixed", O::Kind::Fixed},
                                                   {"random", O::Kind::Random}},
      "BPTT truncation: full, fixed (cut every tau steps) or random (keep a step with probability pi)");
  // Checkpoints and URLs of earlier versions hold one string: 'fixed:10', 'random:0.5'. A saved run or page
  // address of theirs still opens, so the train group (and the lab groups that share these entries) read it.
  truncation.legacy = legacy_reader<O>([](O& o, const std::string& text) {
    if (text.find(':') == std::string::npos) return false;
    const O parsed = O::parse(text);
    o.kind = parsed.kind;
    if (parsed.kind == O::Kind::Fixed) o.tau = parsed.tau;
    if (parsed.kind == O::Kind::Random) o.pi = parsed.pi;
    return true;
  });
  t.options = {truncation, spec_option<O>(nn::truncation_tau_spec(), SEQLAB_FIELD(tau)),
               spec_option<O>(nn::truncation_pi_spec(), SEQLAB_FIELD(pi))};
}

void TrainOptions::validate() const { validate_options(train_options(), *this); }

Json TrainOptions::to_json() const { return write_options(train_options(), *this); }

TrainOptions TrainOptions::from_json(const Json& j, const TrainOptions& base) {
  return read_options(train_options(), j, base);
}

TrainOptions TrainOptions::from_json(const Json& j) { return from_json(j, TrainOptions()); }

}  // namespace seqlab::train
