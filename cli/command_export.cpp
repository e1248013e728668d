// `seqlab export`: write a saved model's weights as safetensors under torch.nn.RNN/GRU/LSTM + nn.Linear
// names (facade::Trainer::export_safetensors); tests/reference/export_check.py loads them into torch.nn.
// Prints {out, bytes, tensors: [{name, shape}]}.
#include "cli/command.h"
#include "wasm/facade/trainer.h"

namespace seqlab::cli {
namespace {

int run_export(const Args& args) {
  args.no_positionals();
  const std::string bytes = read_file(args.require("model"));
  const facade::Trainer model = facade::Trainer::load(std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
  const facade::Trainer::Export exported = model.export_safetensors();
  const std::string path = args.require("out");
  write_file(path, std::string(exported.bytes.begin(), exported.bytes.end()));
  io::Json out = io::Json::object();
  out.set("out", path).set("bytes", static_cast<unsigned long long>(exported.bytes.size()))
      .set("tensors", exported.tensors);
  print_json(out);
  return 0;
}

}  // namespace

SEQLAB_REGISTER_COMMAND("export", "write a saved model as safetensors for torch.nn (RNN/GRU/LSTM + Linear)", "", {},
                        {own_string("model", "the checkpoint written by seqlab train --save (required)"),
                         own_string("out", "the .safetensors file to write (required)")},
                        run_export);

}  // namespace seqlab::cli
