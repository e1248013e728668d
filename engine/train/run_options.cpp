#include "engine/train/run_options.h"

namespace seqlab::train {

SEQLAB_OPTION_TABLE(RunOptions, run_options, "run") {
  using O = RunOptions;
  t.options = {
      // The page has no use for a run of no epoch, so there 0 lifts the limit (web/js/state.js).
      int_option<O>("epochs", SEQLAB_FIELD(epochs), 0, 1000000,
                    "whole passes over the training part (0: seqlab train only sums up; the page trains until paused)"),
      choice_option<O>("evalBy", SEQLAB_FIELD(eval_by),
                       std::vector<std::pair<std::string, EvalBy>>{{"epoch", EvalBy::Epoch}, {"clock", EvalBy::Clock}},
                       "epoch: validation every evalEvery epochs; clock: at most every second and at most ~20% of "
                       "the time, never on a run's first slice nor after a divergence (the page's live curve)"),
      int_option<O>("evalEvery", SEQLAB_FIELD(eval_every), 0, 1000000,
                    "evalBy epoch: validation perplexity every N epochs (and after the last); 0 = at the end"),
      // 1.01 rather than 1 as the top: a target of exactly 1 (every answer right) must stay reachable.
      number_option<O>("targetAccuracy", SEQLAB_FIELD(target_accuracy), 0, 1.01,
                       "on a task: stop after the first validation whose answer accuracy reaches this (default: never)"),
      int_option<O>("maxTokens", SEQLAB_FIELD(max_tokens), 0, kMaxTokenCount,
                    "train on the first N tokens only (D2L's corpus[:N]); 0 = all"),
      string_option<O>("prefix", SEQLAB_FIELD(prefix),
                       "the text whose continuation the final line predicts (default: the text's first words)"),
      int_option<O>("predict", SEQLAB_FIELD(predict), 0, 100000,
                    "tokens predicted (greedy) after --prefix in the final line; 0 = none"),
  };
}

SEQLAB_OPTION_TABLE(EvaluateTextOptions, evaluate_text_options, "evaluateText") {
  using O = EvaluateTextOptions;
  t.options = {
      int_option<O>("maxTokens", SEQLAB_FIELD(max_tokens), 0, kMaxTokenCount, "score only the first N tokens; 0 = all"),
      int_option<O>("steps", SEQLAB_FIELD(steps), 1, 4096, "tokens per forward chunk (the state is carried)"),
  };
}

}  // namespace seqlab::train
