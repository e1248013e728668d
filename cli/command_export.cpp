// `seqlab export`: write a saved model's weights as safetensors under torch.nn.RNN/GRU/LSTM + nn.Linear
// names (engine/io/safetensors.h); tests/reference/export_check.py loads them into torch.nn.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "engine/core/error.h"
#include "engine/io/checkpoint.h"
#include "engine/io/json.h"
#include "engine/io/safetensors.h"
#include "engine/schema/corpus_options.h"
#include "engine/text/preprocess.h"

namespace seqlab::cli {
namespace {

int run_export(const Args& args) {
  if (!args.positionals().empty()) throw Error("unexpected argument '" + args.positionals()[0] + "'");
  const io::CheckpointData data = io::read_checkpoint(read_file(args.require("model")));
  const auto tensors = io::pytorch_tensors(data.model, data.parameters);
  io::Json tokens = io::Json::array();
  for (const auto& t : data.tokens) tokens.push(t);
  const io::Json corpus = schema::corpus_options_json(data.corpus, data.val_fraction);
  io::Json metadata = io::Json::object();
  metadata.set("format", "pt").set("seqlab_model", data.model.to_json().dump())
      .set("seqlab_vocabulary", tokens.dump()).set("seqlab_corpus", corpus.dump());
  const std::string bytes = io::write_safetensors(tensors, metadata);
  write_file(args.require("out"), bytes);
  io::Json list = io::Json::array();
  for (const auto& t : tensors) {
    io::Json shape = io::Json::array();
    for (int d : t.shape) shape.push(d);
    io::Json entry = io::Json::object();
    entry.set("name", t.name).set("shape", std::move(shape));
    list.push(std::move(entry));
  }
  io::Json out = io::Json::object();
  out.set("out", args.require("out")).set("bytes", static_cast<unsigned long long>(bytes.size()))
      .set("tensors", std::move(list));
  std::cout << out.dump() << std::endl;
  return 0;
}

}  // namespace

SEQLAB_REGISTER_COMMAND("export", "write a saved model as safetensors for torch.nn (RNN/GRU/LSTM + Linear)",
                        "--model FILE --out FILE.safetensors", {"model", "out"}, {}, run_export);

}  // namespace seqlab::cli
