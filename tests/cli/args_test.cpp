// The CLI's argument parser (cli/args.h): a positional FILE for every text, "did you mean" for mistyped
// flags and choices, hints for flags of another meaning, and messages that say what is expected.
#include <doctest.h>

#include <string>
#include <vector>

#include "cli/args.h"
#include "engine/core/error.h"
#include "engine/core/options.h"
#include "engine/io/schema.h"

using namespace seqlab;
using namespace seqlab::cli;

namespace {

// `seqlab ngram ...` as main.cpp parses it: the corpus, ngram and ngramQuery groups, --train as the FILE.
Args ngram_args(std::vector<const char*> argv) {
  argv.insert(argv.begin(), {"seqlab", "ngram"});
  return Args(static_cast<int>(argv.size()), argv.data(), 2, {{"corpus", {}}, {"ngram", {}}, {"ngramQuery", {}}},
              {file_option("train", "the text"), file_option("eval", "another text")},
              ParseRules{"ngram", "FILE", "train", {}});
}

}  // namespace

TEST_CASE("cli args: a lone positional is the text, the same as its flag; twice or two FILEs are refused") {
  CHECK(ngram_args({"book.txt", "--n", "3"}).file() == "book.txt");
  CHECK(ngram_args({"--train", "book.txt"}).file() == "book.txt");
  CHECK(ngram_args({"--train=book.txt"}).files().at("train").as_string() == "book.txt");
  CHECK_THROWS_WITH_AS(ngram_args({"a.txt", "--train", "b.txt"}),
                       doctest::Contains("the text is given twice: as FILE 'a.txt' and as --train 'b.txt'"), Error);
  CHECK_THROWS_WITH_AS(ngram_args({"a.txt", "b.txt"}),
                       doctest::Contains("unexpected argument 'b.txt': seqlab ngram takes one FILE "
                                         "(usage: seqlab ngram FILE [options])"),
                       Error);
  CHECK_THROWS_WITH_AS(ngram_args({"--n", "3"}).file(),
                       doctest::Contains("seqlab ngram needs a text: seqlab ngram FILE (or --train FILE"), Error);
}

TEST_CASE("cli args: a mistyped flag or choice gets the closest name; a flag of another meaning its hint") {
  CHECK_THROWS_WITH_AS(ngram_args({"a.txt", "--smoothin", "laplace"}),
                       doctest::Contains("unknown option --smoothin (did you mean --smoothing?)"), Error);
  CHECK_THROWS_WITH_AS(ngram_args({"a.txt", "--tpo", "3"}), doctest::Contains("(did you mean --top?)"), Error);
  CHECK_THROWS_WITH_AS(ngram_args({"a.txt", "--min-frq=2"}), doctest::Contains("did you mean --min-freq?"), Error);
  CHECK_THROWS_WITH_AS(ngram_args({"a.txt", "-n", "3"}), doctest::Contains("unknown option -n (did you mean --n?)"),
                       Error);
  CHECK_THROWS_WITH_AS(ngram_args({"a.txt", "--zzzzzz"}), doctest::Contains("unknown option --zzzzzz (see seqlab ngram --help)"),
                       Error);
  // A choice: the closest allowed value.
  CHECK_THROWS_WITH_AS(flags_to_json(schema::group_specs("ngram"), {{"smoothing", "kneser-nay"}}),
                       doctest::Contains("is not one of laplace, add-k, d2l, mle, witten-bell, kneser-ney, modified-kneser-ney, stupid-backoff "
                                         "(did you mean kneser-ney?)"),
                       Error);
  // A flag that means something else in this command: refused with its hint.
  const char* argv[] = {"seqlab", "generate", "--top"};
  CHECK_THROWS_WITH_AS(Args(3, argv, 2, {{"generate", {}}, {"generateOutput", {}}}, {},
                            ParseRules{"generate", "", "", {{"top", "generate's switch is --show-top"}}}),
                       doctest::Contains("option --top: generate's switch is --show-top"), Error);
  CHECK(Args(3, std::vector<const char*>{"seqlab", "generate", "--show-top"}.data(), 2,
             {{"generate", {}}, {"generateOutput", {}}}, {}, ParseRules{"generate", "", "", {}})
            .options("generateOutput")
            .at("showTop")
            .as_bool());
  CHECK_FALSE(Args(2, std::vector<const char*>{"seqlab", "generate"}.data(), 2,
                   {{"generate", {}}, {"generateOutput", {}}}, {}, ParseRules{"generate", "", "", {}})
                  .options("generateOutput")
                  .at("showTop")
                  .as_bool());
}

TEST_CASE("cli args: an unexpected positional says what the command takes") {
  const char* argv[] = {"seqlab", "generate", "model.seqlab"};
  const Args args(3, argv, 2, {{"generate", {}}}, {file_option("model", "the checkpoint")},
                  ParseRules{"generate", "", "", {}});
  CHECK_THROWS_WITH_AS(args.no_positionals(),
                       doctest::Contains("unexpected argument 'model.seqlab': seqlab generate takes no positional "
                                         "argument (usage: seqlab generate [options])"),
                       Error);
}

TEST_CASE("cli args: closest_name: edit distance with swaps, at most 2 and under half the word, or a prefix") {
  const std::vector<std::string> names = {"top", "top-k", "temperature", "train", "steps", "seed"};
  CHECK(closest_name("tpo", names) == "top");
  CHECK(closest_name("temprature", names) == "temperature");
  CHECK(closest_name("temp", names) == "temperature");  // a prefix of one name
  CHECK(closest_name("stpes", names) == "steps");
  CHECK(closest_name("x", names).empty());
  CHECK(closest_name("zzzzzz", names).empty());
  CHECK(closest_name("ab", {"cd"}).empty());  // two edits in two letters is not a guess
}

TEST_CASE("cli help: a switch says it is one, not 'true or false'") {
  const std::string help = help_text(schema::group_specs("generateOutput"));
  CHECK(help.find("--show-top") != std::string::npos);
  CHECK(help.find("(a switch)") != std::string::npos);
  CHECK(help.find("true or false") == std::string::npos);
}
