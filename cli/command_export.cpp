// `seqlab export`: write a saved model's weights as safetensors under torch.nn.RNN/GRU/LSTM + nn.Linear
// names (facade::Session::export_safetensors on the checkpoint loaded without a corpus); tests/reference/export_check.py loads them into torch.nn.
// With --pytorch-script FILE also the Python script that loads them (engine/io/pytorch_script.h; it looks
// for the weights under --out's file name in its own folder); tests/reference/pytorch_script_check.py runs it.
// Prints {out, bytes, tensors: [{name, shape}]} (and pytorchScript: FILE).
#include "cli/command.h"
#include "wasm/facade/session.h"

namespace seqlab::cli {
namespace {

std::string file_name_of(const std::string& path) {
  const std::size_t slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

int run_export(const Args& args) {
  args.no_positionals();
  const std::string bytes = read_file(args.require("model"));
  facade::Session session;  // no corpus: the checkpoint is a model that exports
  session.load_trainer("model", std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
  const facade::LanguageModel::Export exported = session.export_safetensors("model");
  const std::string path = args.require("out");
  write_file(path, std::string(exported.bytes.begin(), exported.bytes.end()));
  Json out = Json::object();
  out.set("out", path).set("bytes", static_cast<unsigned long long>(exported.bytes.size()))
      .set("tensors", exported.tensors);
  if (args.has("pytorchScript")) {
    const std::string script_path = args.require("pytorchScript");
    write_file(script_path, session.pytorch_script("model", file_name_of(path)));
    out.set("pytorchScript", script_path);
  }
  print_json(out);
  return 0;
}

}  // namespace

SEQLAB_REGISTER_COMMAND("export", "write a saved model as safetensors for torch.nn (RNN/GRU/LSTM + Linear)", "", {},
                        {file_option("model", "the checkpoint written by seqlab train --save (required)"),
                         file_option("out", "the .safetensors file to write (required)"),
                         file_option("pytorchScript", "also write the Python script that loads --out's file from "
                                                     "its own folder (python3 + torch: loss, generate, train)")},
                        run_export);

}  // namespace seqlab::cli
