#include "engine/stats/stats_options.h"

#include <string>

namespace seqlab::schema {

SEQLAB_OPTION_TABLE(stats::StatsOptions, stats_options, "stats") {
  using S = stats::StatsOptions;
  // zipfRanks is one key over two fields.
  Option<S> zipf;
  zipf.spec.key = "zipfRanks";
  zipf.spec.type = OptionType::List;
  zipf.spec.element = OptionType::Int;
  zipf.spec.min_length = zipf.spec.max_length = 2;
  zipf.spec.has_min = zipf.spec.has_max = true;
  zipf.spec.min = 1;
  zipf.spec.max = 2147483647;
  zipf.spec.help = "rank range [first, last] of the least-squares Zipf fit, clipped to the ranks that exist";
  zipf.read_owner = owner_reader<S>([](const S& s) {
    Json r = Json::array();
    r.push(s.zipf_first_rank).push(s.zipf_last_rank);
    return r;
  });
  zipf.write_owner = owner_writer<S>([](S& s, const Json& v) {
    s.zipf_first_rank = static_cast<int>(v.as_array()[0].as_number());
    s.zipf_last_rank = static_cast<int>(v.as_array()[1].as_number());
  });
  t.options = {
      int_option<S>("top", SEQLAB_FIELD(top_k), 0, 100000, "entries in each top list"),
      zipf,
      int_option<S>("rankFrequencyPoints", SEQLAB_FIELD(max_rank_frequency_points), 2, 1000000,
                    "at most this many log-spaced points in each rank-frequency array"),
      list_option<S>("minFreqs", SEQLAB_FIELD(min_freqs), OptionType::Int, 0, 64, 0, 1000000000,
                     "the min_freq values of the vocabulary-size table"),
      int_option<S>("maxN", SEQLAB_FIELD(max_n), 1, 6, "n-gram orders 1..maxN"),
  };
  t.check = [](const S& s) {
    if (s.zipf_first_rank > s.zipf_last_rank)
      throw Error("stats options: zipfRanks = [" + std::to_string(s.zipf_first_rank) + ", " +
                  std::to_string(s.zipf_last_rank) + "] needs first <= last");
  };
}

}  // namespace seqlab::schema
