// Building a corpus (preprocessing, tokenization, vocabulary, ids, counts) from arbitrary options and text.
// Input: byte 0 picks level (bit 0), preprocessing (bit 1) and min_freq (bits 2-4: 0..7); byte 1 the number
// of reserved tokens (0..3), which are the first lines of the payload; the rest of the payload is the text.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/text/corpus.h"
#include "tests/fuzz/fuzz_targets.h"

namespace seqlab::fuzz {

void fuzz_vocabulary(const std::uint8_t* data, std::size_t size) {
  ByteReader in(data, size);
  const std::uint8_t flags = in.byte();
  text::Tokenization options;
  options.level = (flags & 1) ? text::Level::Word : text::Level::Char;
  options.preprocess = (flags & 2) ? text::Preprocess::None : text::Preprocess::LettersOnly;
  options.min_freq = (flags >> 2) & 7;
  const int reserved = in.byte() % 4;
  std::string_view payload = in.rest();
  for (int r = 0; r < reserved; ++r) {
    const std::size_t end = payload.find('\n');
    options.reserved.emplace_back(payload.substr(0, end));
    payload = end == std::string_view::npos ? std::string_view() : payload.substr(end + 1);
  }

  text::Corpus corpus;
  try {
    corpus = text::build_corpus(payload, options);
  } catch (const Error&) {
    return;
  }
  const text::Vocabulary& vocab = corpus.vocab;
  const int V = vocab.size();
  require(V >= 1 + reserved && vocab.token(0) == text::kUnknownToken, "<unk> then the reserved tokens");
  require(vocab.reserved_count() == reserved, "reserved count");
  for (int r = 0; r < reserved; ++r) require(vocab.token(1 + r) == options.reserved[r], "reserved token order");
  for (int id = 0; id < V; ++id) require(vocab.id_of(vocab.token(id)) == id, "id_of(token(id)) != id");
  require(static_cast<int>(corpus.counts_by_id.size()) == V, "one count per id");
  require(!corpus.ids.empty(), "a corpus without tokens was accepted");
  std::vector<std::int64_t> counted(V, 0);
  bool has_unknown = false;
  for (const std::int32_t id : corpus.ids) {
    require(id >= 0 && id < V, "an id outside the vocabulary");
    ++counted[id];
    has_unknown = has_unknown || id == 0;
  }
  require(counted == corpus.counts_by_id, "counts_by_id differs from counting the ids");
  require(corpus.vocab_size_for_min_freq(options.min_freq) == V, "vocab_size_for_min_freq disagrees");
  for (int m = 1; m < 8; ++m)
    require(corpus.vocab_size_for_min_freq(m + 1) <= corpus.vocab_size_for_min_freq(m),
            "a larger min_freq gave a larger vocabulary");
  // Ids in order: every kept non-reserved token is at least min_freq frequent, by descending count.
  for (int id = 2 + reserved; id < V; ++id)
    require(corpus.counts_by_id[id] <= corpus.counts_by_id[id - 1], "vocabulary not by descending count");

  // Decoding the ids and encoding the text again gives the ids back (when no token was sent to <unk>, whose
  // spelling is not in the text).
  if (!has_unknown) {
    const std::string decoded = corpus.decode(corpus.ids.data(), corpus.ids.size());
    require(corpus.encode(decoded) == corpus.ids, "encode(decode(ids)) != ids");
  }
}

}  // namespace seqlab::fuzz
