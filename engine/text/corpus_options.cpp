#include "engine/text/corpus_options.h"

#include "engine/text/preprocess.h"
#include "engine/text/tokenizer.h"
#include "engine/core/split.h"

namespace seqlab::schema {

SEQLAB_OPTION_TABLE(CorpusOptions, corpus_options, "corpus") {
  using C = CorpusOptions;
  using text::Level;
  using text::Preprocess;
  // The names come from the text module (level_name, preprocess_name); only the enumerators are listed here.
  t.options = {
      choice_option<C>("level", SEQLAB_FIELD(text.level),
                       std::vector<std::pair<std::string, Level>>{{text::level_name(Level::Char), Level::Char},
                                                                  {text::level_name(Level::Word), Level::Word}},
                       "tokens: char (one per code point) or word (split on white space)"),
      choice_option<C>("preprocess", SEQLAB_FIELD(text.preprocess),
                       std::vector<std::pair<std::string, Preprocess>>{
                           {text::preprocess_name(Preprocess::LettersOnly), Preprocess::LettersOnly},
                           {text::preprocess_name(Preprocess::None), Preprocess::None}},
                       "letters_only: non-letter runs become one space, lower case (as D2L); none: the text as is"),
      int_option<C>("minFreq", SEQLAB_FIELD(text.min_freq), 0, 1000000000,
                    "tokens seen fewer times become <unk>; 0 and 1 keep every token"),
      spec_option<C>(val_fraction_spec(), SEQLAB_FIELD(val_fraction)),
      list_option<C>("reserved", SEQLAB_FIELD(text.reserved), OptionType::String, 0, 64, 0, 0,
                     "reserved tokens after <unk> (ids 1, 2, ...), e.g. <pad>, <bos>, <eos>"),
  };
}

CorpusOptions read_corpus_options(const Json& j) { return read_options(corpus_options(), j, CorpusOptions()); }

Json corpus_options_json(const text::Tokenization& text, double val_fraction) {
  return write_options(corpus_options(), CorpusOptions{text, val_fraction});
}

}  // namespace seqlab::schema
