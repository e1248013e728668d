#include "engine/io/pytorch_script.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "engine/core/error.h"
#include "engine/core/version.h"
#include "engine/io/pytorch_script_template.h"  // generated from pytorch_script.py

namespace seqlab::io {

namespace {

// The script's fixed parts are engine/io/pytorch_script.py, embedded at build time (CMakeLists.txt writes
// it into the generated header as kPytorchScriptTemplate). Its sections start at marker lines.
const std::string kSectionMarker = "# seqlab-template: ";
const std::string kEmbeddingOnly = "  # seqlab-template: embedding only";

// name -> text of every section of the template (the note above the first marker is left out).
std::map<std::string, std::string> template_sections() {
  std::map<std::string, std::string> sections;
  const std::string text = kPytorchScriptTemplate;
  std::string* current = nullptr;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size() - 1) + 1;
    const std::string line = text.substr(at, end - at);
    if (line.compare(0, kSectionMarker.size(), kSectionMarker) == 0) {
      current = &sections[line.substr(kSectionMarker.size(), line.size() - kSectionMarker.size() - 1)];
    } else if (current) {
      *current += line;
    }
    at = end;
  }
  return sections;
}

const std::string& section(const std::map<std::string, std::string>& sections, const std::string& name) {
  const auto it = sections.find(name);
  if (it == sections.end()) throw Error("pytorch script: the template has no section '" + name + "'");
  return it->second;
}

void replace_all(std::string& text, const std::string& key, const std::string& value) {
  for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
    text.replace(at, key.size(), value);
}

}  // namespace

std::string python_string_literal(const std::string& text) {
  std::string out = "'";
  for (const char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    if (ch == '\\' || ch == '\'') {
      out += '\\';
      out += ch;
    } else if (byte < 0x20 || byte == 0x7F) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
      out += escaped;
    } else {
      out += ch;  // printable ASCII, or a byte of a UTF-8 sequence (the script is UTF-8)
    }
  }
  return out + "'";
}

std::string pytorch_script(const nn::ModelOptions& config, const std::string& weights_file) {
  config.validate();
  const bool notes_gru = config.cell == nn::CellType::Gru && config.gru_variant == nn::GruVariant::Notes;
  const bool linear_rnn = config.cell == nn::CellType::Rnn && config.activation == nn::Activation::Identity;
  const std::string sizes = "(E or V, H, num_layers=L";
  std::string rnn, cell_name;
  switch (config.cell) {
    case nn::CellType::Rnn:
      cell_name = linear_rnn ? "RNN without activation" : std::string("RNN (") + nn::to_string(config.activation) + ")";
      rnn = linear_rnn ? "LinearRNN(E or V, H, L)"
                       : "nn.RNN" + sizes + ", nonlinearity='" + nn::to_string(config.activation) + "', batch_first=True)";
      break;
    case nn::CellType::Gru:
      cell_name = notes_gru ? "GRU of the notes (reset before the recurrent product)" : "GRU (reset after, as torch.nn.GRU)";
      rnn = notes_gru ? "NotesGRU(E or V, H, L)" : "nn.GRU" + sizes + ", batch_first=True)";
      break;
    case nn::CellType::Lstm:
      cell_name = "LSTM";
      rnn = "nn.LSTM" + sizes + ", batch_first=True)";
      break;
  }
  const bool embedding = config.embedding > 0;
  std::string description = cell_name + ", hidden " + std::to_string(config.hidden) + ", " +
                            std::to_string(config.layers) + (config.layers == 1 ? " layer" : " layers") + ", " +
                            (embedding ? "embedding " + std::to_string(config.embedding) : std::string("one-hot input")) +
                            ", vocabulary " + std::to_string(config.vocab);

  static const std::map<std::string, std::string> sections = template_sections();
  std::string script = section(sections, "head");
  if (notes_gru) script += section(sections, "notes_gru");
  if (linear_rnn) script += section(sections, "linear_rnn");
  script += section(sections, "net");
  script += section(sections, "modes");
  replace_all(script, "@DESCRIPTION@", description);
  replace_all(script, "@VERSION@", kVersion);
  replace_all(script, "__WEIGHTS__", python_string_literal(weights_file));
  replace_all(script, "@NET_DOC@",
              std::string(embedding ? "Embedding" : "One-hot input") + ", " + cell_name + ", then a linear layer to the "
              "vocabulary's logits: seqlab's model, under the names of the weights file.");
  // The embedding line: kept without its marker, or dropped whole.
  const std::size_t marked = script.find(kEmbeddingOnly);
  if (marked == std::string::npos) throw Error("pytorch script: the template has no embedding line");
  if (embedding) {
    script.erase(marked, kEmbeddingOnly.size());
  } else {
    const std::size_t line_start = script.rfind('\n', marked) + 1;
    script.erase(line_start, script.find('\n', marked) + 1 - line_start);
  }
  replace_all(script, "__RNN__", rnn);
  replace_all(script, "__INPUT__",
              embedding ? "self.embedding(ids)" : "F.one_hot(ids, self.vocab).to(self.fc.weight.dtype)");
  return script;
}

}  // namespace seqlab::io
