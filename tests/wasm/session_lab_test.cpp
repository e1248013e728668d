// The Session's BPTT lab methods (probe, gateActivations, linearRnn, batchLayout). References are built
// here another way: the validation rows by hand from the corpus ids and the split, the model's weights
// through a checkpoint, the first gate values and the linear RNN's gradient with Eigen from the weights,
// the minibatch layout from the iterators' definitions (docs/math.md §6).
// Legend: B batch, T steps, V vocabulary, H hidden.
#include <doctest.h>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/core/split.h"
#include "engine/io/checkpoint.h"
#include "engine/nn/model.h"
#include "tests/engine/text/text_fixtures.h"
#include "wasm/facade/session.h"

using namespace seqlab;

namespace {
std::string time_machine(std::size_t n = std::string::npos) {
  return test::time_machine().substr(0, n);
}

nn::Model<float> model_of(const facade::Session& s, const std::string& name) {
  const std::vector<std::uint8_t> bytes = s.save(name);
  return io::model_from_checkpoint(io::read_checkpoint(std::string(bytes.begin(), bytes.end())));
}

std::vector<double> numbers(const Json& array) {
  std::vector<double> out;
  for (const auto& v : array.as_array()) out.push_back(v.as_number());
  return out;
}

using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

Matrix parameter(nn::Model<float>& m, const std::string& name) {
  const auto& shape = m.parameter_info(name).shape;
  const int rows = shape[0], cols = shape.size() > 1 ? shape[1] : 1;
  Matrix out(rows, cols);
  const float* p = m.parameter(name);
  for (int i = 0; i < rows * cols; ++i) out.data()[i] = p[i];
  return out;
}

double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }
}  // namespace

TEST_CASE("session lab: probe is the last step's gradient on the validation rows, the same for every trainer") {
  facade::Session s;
  s.load_corpus(time_machine(40000), R"({"valFraction":0.1})");
  const char* train = R"({"batch":4,"steps":12,"lr":0.01,"optimizer":"adam","seed":5})";
  s.create_trainer("rnn", R"({"cell":"rnn","hidden":16})", train);
  s.create_trainer("gru", R"({"cell":"gru","hidden":16})", train);
  s.create_trainer("lstm", R"({"cell":"lstm","hidden":16})", train);
  s.run("rnn", 5);
  s.run("gru", 5);

  // The validation rows by hand: row b = validation tokens [b*T, (b+1)*T), targets shifted by one.
  const std::vector<std::int32_t> ids = s.corpus_ids();
  const std::size_t val = split_tokens(ids.size(), 0.1).train_end;
  const int B = 4, T = 12;
  std::vector<std::int32_t> inputs(B * T), targets(B * T);
  for (int i = 0; i < B * T; ++i) {
    inputs[i] = ids[val + i];
    targets[i] = ids[val + i + 1];
  }
  for (const std::string name : {"rnn", "gru", "lstm"}) {
    CAPTURE(name);
    const Json p = s.probe(name, "");
    CHECK(p.at("T").as_number() == T);
    nn::Model<float> m = model_of(s, name);
    nn::State<float> state = m.zero_state(B);
    Rng rng(0);
    nn::Diagnostics d;
    m.loss_and_gradients(inputs.data(), targets.data(), B, T, nn::Truncation(), rng, state, &d,
                         nn::LossOptions{nn::LossSteps::Last, true});
    const std::vector<double> got = numbers(p.at("hiddenGradNorms").as_array()[0]);
    REQUIRE(got.size() == static_cast<std::size_t>(T));
    for (int t = 0; t < T; ++t) CHECK(got[t] == doctest::Approx(d.hidden_grad_norms[0][t]).epsilon(1e-5));
    // The last step's loss alone: the norm at t = T comes from the output layer only and is nonzero.
    CHECK(got[T - 1] > 0);
    CHECK(p.has("gruPaths") == (name == "gru"));
    CHECK(p.has("lstmPaths") == (name == "lstm"));
    // The path terms: every step and term as the model computes them on the rows built here, under the
    // names the model gives them; for the GRU the four terms are vectors summing to dl/dh_t, so at every
    // step their norms add up to at least the norm of the total (the hidden norm one step earlier; the last
    // step's loss alone puts no loss gradient there) and the direct term is nonzero.
    if (name != "rnn") {
      const auto& layers = p.at(name == "gru" ? "gruPaths" : "lstmPaths").as_array();
      REQUIRE(layers.size() == 1u);
      const auto& steps = layers[0].as_array();
      REQUIRE(steps.size() == static_cast<std::size_t>(T));
      REQUIRE(d.path_terms.size() == (name == "gru" ? 4u : 2u));
      for (int t = 0; t < T; ++t) {
        CAPTURE(t);
        REQUIRE(steps[t].size() == d.path_terms.size());
        double sum = 0;
        for (std::size_t k = 0; k < d.path_terms.size(); ++k) {
          CAPTURE(d.path_terms[k]);
          const double term = steps[t].at(d.path_terms[k]).as_number();
          CHECK(term == doctest::Approx(d.path_norms[0][t][k]).epsilon(1e-5));
          sum += term;
        }
        if (name == "gru" && t > 0) {
          CHECK(sum >= got[t - 1] * (1 - 1e-6));
          CHECK(steps[t].at("direct").as_number() > 0);
        }
      }
    }
  }
  // The probe changes nothing: training on gives the same report as on a trainer never probed.
  s.create_trainer("twin", R"({"cell":"gru","hidden":16})", train);
  s.run("twin", 5);
  CHECK(s.run("gru", 3).at("loss").as_number() == s.run("twin", 3).at("loss").as_number());

  // Random truncation (docs/math.md §5): the gradient from step t into step t - 1 is multiplied by xi_t, 0 with
  // probability 1 - pi and 1/pi with probability pi, drawn for t = 1 .. T-1 (0-based) from Rng(seed), one
  // uniform each, kept when below pi. For the last step's loss alone xi multiplies whole rows, so the flow
  // of a draw is the full flow times the product of the xi between t and T: full[t] * (1/pi)^(T-1-t) back to
  // the last cut c (the largest t with xi_t = 0), and exactly 0 before it. Predicted here from the seed.
  const auto draw = [&](const char* options) { return numbers(s.probe("rnn", options).at("hiddenGradNorms").as_array()[0]); };
  const std::vector<double> full = draw(R"({"truncation":"full"})");
  for (int t = 0; t < T; ++t) CHECK(full[t] > 0);
  CHECK(draw(R"({"truncation":"random","pi":0.5,"seed":1})") == draw(R"({"truncation":"random","pi":0.5,"seed":1})"));
  std::set<int> cuts;
  std::vector<std::vector<double>> predicted;  // [seed - 1][t]
  for (int seed = 1; seed <= 8; ++seed) {
    CAPTURE(seed);
    Rng rng(static_cast<std::uint64_t>(seed));
    int cut = 0;  // the last step whose xi is 0 (0: none, the state entering the window is detached anyway)
    for (int t = 1; t < T; ++t)
      if (!(rng.uniform() < 0.5)) cut = t;
    cuts.insert(cut);
    predicted.emplace_back(T);
    for (int t = 0; t < T; ++t) predicted.back()[t] = t < cut ? 0 : full[t] * std::pow(2.0, T - 1 - t);
    const std::vector<double> got = draw((R"({"truncation":"random","pi":0.5,"seed":)" + std::to_string(seed) + "}").c_str());
    REQUIRE(got.size() == static_cast<std::size_t>(T));
    for (int t = 0; t < T; ++t) {
      CAPTURE(t);
      if (t < cut) CHECK(got[t] == 0);
      else CHECK(got[t] == doctest::Approx(full[t] * std::pow(2.0, T - 1 - t)).epsilon(1e-5));
    }
  }
  CHECK(cuts.size() > 2);  // the seeds above cut at several places: the check covers several shapes
  // draws: 8 from seed 1 is the band the lab draws: per step, the mean, min and max of the 8 predicted flows.
  const Json band = s.probe("rnn", R"({"truncation":"random","pi":0.5,"seed":1,"draws":8,"pathSplit":false})");
  const std::vector<double> mean = numbers(band.at("hiddenGradNorms").as_array()[0]);
  const std::vector<double> lo = numbers(band.at("hiddenGradNormsMin").as_array()[0]);
  const std::vector<double> hi = numbers(band.at("hiddenGradNormsMax").as_array()[0]);
  REQUIRE(mean.size() == static_cast<std::size_t>(T));
  for (int t = 0; t < T; ++t) {
    CAPTURE(t);
    double sum = 0, least = INFINITY, most = 0;
    for (const auto& p : predicted) {
      sum += p[t];
      least = std::min(least, p[t]);
      most = std::max(most, p[t]);
    }
    CHECK(mean[t] == doctest::Approx(sum / 8).epsilon(1e-5));
    CHECK(lo[t] == doctest::Approx(least).epsilon(1e-5));
    CHECK(hi[t] == doctest::Approx(most).epsilon(1e-5));
  }
  CHECK_FALSE(s.probe("rnn", R"({"truncation":"full"})").has("hiddenGradNormsMin"));  // one draw: no band
  const std::vector<double> kept = draw(R"({"truncation":"random","pi":1,"seed":7})");
  for (int t = 0; t < T; ++t) CHECK(kept[t] == doctest::Approx(full[t]).epsilon(1e-6));
  // fixed:4 sets xi_t = 0 at t = 4 and 8 (0-based, multiples of tau inside the window): the last step's
  // gradient flows back unchanged through steps 11, 10, 9, 8 and stops there; every earlier step gets 0.
  const std::vector<double> fixed = draw(R"({"truncation":"fixed","tau":4})");
  for (int t = 0; t < T; ++t) {
    CAPTURE(t);
    if (t < 8) CHECK(fixed[t] == 0);
    else CHECK(fixed[t] == doctest::Approx(full[t]).epsilon(1e-6));
  }
  // fixed:5 cuts at 5 and 10: steps 10 and 11 only.
  const std::vector<double> fixed5 = draw(R"({"truncation":"fixed","tau":5})");
  for (int t = 0; t < T; ++t) {
    CAPTURE(t);
    if (t < 10) CHECK(fixed5[t] == 0);
    else CHECK(fixed5[t] == doctest::Approx(full[t]).epsilon(1e-6));
  }

  CHECK_THROWS_WITH_AS(s.probe("rnn", R"({"lossSteps":"first"})"), doctest::Contains("all, last"), Error);
  CHECK_THROWS_WITH_AS(s.probe("rnn", R"({"depth":3})"), doctest::Contains("allowed"), Error);
  CHECK_THROWS_WITH_AS(s.probe("nope", ""), doctest::Contains("no trainer named 'nope'"), Error);
}

TEST_CASE("session lab: gate activations over the validation text start from the zero state") {
  facade::Session s;
  s.load_corpus(time_machine(30000), R"({"valFraction":0.1})");
  s.create_trainer("gru", R"({"cell":"gru","hidden":8})", R"({"batch":4,"steps":10,"seed":2})");
  s.create_trainer("rnn", R"({"cell":"rnn","hidden":8})", R"({"batch":4,"steps":10,"seed":2})");
  const Json g = s.gate_activations("gru", "", R"({"maxTokens":20})");
  const std::vector<std::int32_t> ids = s.corpus_ids();
  const std::size_t val = split_tokens(ids.size(), 0.1).train_end;
  const Json vocab = s.tokens();
  const auto& tokens = g.at("tokens").as_array();
  REQUIRE(tokens.size() == 20u);
  for (int t = 0; t < 20; ++t) CHECK(tokens[t].as_string() == vocab.as_array()[ids[val + t]].as_string());
  const auto& z = g.at("gates").at("l0.z").as_array();
  REQUIRE(z.size() == 20u);
  REQUIRE(z[0].as_array().size() == 8u);
  CHECK(g.at("gates").has("l0.r"));
  // From h_0 = 0 the recurrent terms vanish: z_1 = sigma(W_xz[:, x_1] + b_z), the weights read back here.
  nn::Model<float> m = model_of(s, "gru");
  const Matrix W_xz = parameter(m, "l0.W_xz"), b_z = parameter(m, "l0.b_z");
  for (int h = 0; h < 8; ++h)
    CHECK(z[0].as_array()[h].as_number() == doctest::Approx(sigmoid(W_xz(h, ids[val]) + b_z(h, 0))).epsilon(1e-5));
  // A given text is encoded like the corpus (letters_only lower-cases it) and cut to maxTokens.
  const Json own = s.gate_activations("gru", "The Time", R"({"maxTokens":5})");
  std::string joined;
  for (const auto& t : own.at("tokens").as_array()) joined += t.as_string();
  CHECK(joined == "the t");
  CHECK(s.gate_activations("rnn", "", R"({"maxTokens":10})").at("gates").as_object().empty());  // an RNN has no gates
  CHECK_THROWS_WITH_AS(s.gate_activations("gru", "", R"({"maxTokens":0})"), doctest::Contains("4096"), Error);
}

TEST_CASE("session lab: the linear RNN's last-step gradient is (W_hh^T)^(T-t) W_hq^T dl/do_T") {
  facade::Session s;
  s.load_corpus(time_machine(30000), R"({"valFraction":0.1})");
  const std::vector<std::int32_t> ids = s.corpus_ids();
  const std::size_t val = split_tokens(ids.size(), 0.1).train_end;
  const int H = 16, B = 3, T = 20;
  for (const double rho : {0.5, 0.9, 1.2}) {
    CAPTURE(rho);
    const Json r = s.linear_rnn(R"({"rho":)" + std::to_string(rho) + R"(,"hidden":16,"batch":3,"steps":20,"seed":4})");
    CHECK(r.at("measuredRho").as_number() == doctest::Approx(rho).epsilon(1e-3));
    const std::vector<double> norms = numbers(r.at("norms"));
    REQUIRE(norms.size() == static_cast<std::size_t>(T));

    // The reference: the same untrained model (seed 4), scaled by the ratio of radii; forward by hand with
    // phi = identity, then the unrolled formula row by row.
    nn::ModelOptions c;
    c.cell = nn::CellType::Rnn;
    c.activation = nn::Activation::Identity;
    c.vocab = 28;
    c.hidden = H;
    c.seed = 4;
    nn::Model<float> m(c);
    m.set_spectral_radius("l0.W_hh", rho);
    const Matrix W_xh = parameter(m, "l0.W_xh"), W_hh = parameter(m, "l0.W_hh"), b_h = parameter(m, "l0.b_h");
    const Matrix W_hq = parameter(m, "W_hq"), b_q = parameter(m, "b_q");
    std::vector<double> reference(T, 0.0);
    for (int b = 0; b < B; ++b) {
      Eigen::VectorXd h = Eigen::VectorXd::Zero(H);
      for (int t = 0; t < T; ++t) h = W_xh.col(ids[val + b * T + t]) + W_hh * h + b_h.col(0);
      Eigen::VectorXd o = W_hq * h + b_q.col(0);
      Eigen::VectorXd p = (o.array() - o.maxCoeff()).exp();
      p /= p.sum();
      p(ids[val + b * T + T]) -= 1;  // dl_T/do_T of row b (a common 1/B scale cancels in the ratios below)
      Eigen::VectorXd g = W_hq.transpose() * p;
      for (int t = T - 1; t >= 0; --t) {
        reference[t] += g.norm();
        g = W_hh.transpose() * g;
      }
    }
    for (int t = 0; t < T; ++t)
      CHECK(norms[t] / norms[T - 1] == doctest::Approx(reference[t] / reference[T - 1]).epsilon(1e-3));
    // Over the window the curve falls below 1 and rises above it, as rho^(T-t) does.
    CHECK((norms[0] < norms[T - 1]) == (rho < 1));
  }
  CHECK_THROWS_WITH_AS(s.linear_rnn(R"({"rho":-1})"), doctest::Contains("[0, 10]"), Error);
  CHECK_THROWS_WITH_AS(s.linear_rnn("{}"), doctest::Contains("rho"), Error);
}

TEST_CASE("session lab: batchLayout shows minibatch k of each iterator as D2L defines them") {
  facade::Session s;
  s.load_corpus(time_machine(20000), R"({"valFraction":0.1})");
  const std::size_t N = split_tokens(s.corpus_ids().size(), 0.1).train_end;
  const int B = 4, T = 10;
  const Json k0 = s.batch_layout(R"({"batch":4,"steps":10,"seed":9})", 0);
  const Json k1 = s.batch_layout(R"({"batch":4,"steps":10,"seed":9})", 1);
  REQUIRE(k0.as_array().size() == 2u);
  const auto starts = [](const Json& layout) {
    std::vector<double> out;
    for (const auto& row : layout.at("rows").as_array()) out.push_back(row.at("start").as_number());
    return out;
  };
  const auto carried = [](const Json& layout) {
    std::set<bool> out;
    for (const auto& row : layout.at("rows").as_array()) out.insert(row.at("carriedFromPrevious").as_bool());
    return out;
  };
  const Json& random0 = k0.as_array()[0];
  const Json& seq0 = k0.as_array()[1];
  const Json& seq1 = k1.as_array()[1];
  CHECK(random0.at("iterator").as_string() == "random");
  CHECK(seq0.at("iterator").as_string() == "sequential");
  CHECK(seq0.at("corpusLength").as_number() == static_cast<double>(N));
  // Random sampling: B distinct starts on one grid offset + i*T, every row from the zero state.
  const std::vector<double> r = starts(random0);
  REQUIRE(r.size() == static_cast<std::size_t>(B));
  const double offset = std::fmod(r[0], T);
  CHECK(offset < T);
  CHECK(std::set<double>(r.begin(), r.end()).size() == r.size());
  for (double x : r) {
    CHECK(std::fmod(x, T) == offset);
    CHECK(x + T + 1 <= N);
  }
  CHECK(carried(random0) == std::set<bool>{false});
  CHECK(carried(k1.as_array()[0]) == std::set<bool>{false});
  // Sequential partitioning: B streams of equal length (N - offset - 1) / B, row b of minibatch 1 goes on
  // where row b of minibatch 0 ended, and carries its state.
  const std::vector<double> s0 = starts(seq0), s1 = starts(seq1);
  REQUIRE(s0.size() == static_cast<std::size_t>(B));
  const double seq_offset = s0[0];
  CHECK(seq_offset < T);
  const double stream = std::floor((N - seq_offset - 1) / B);
  for (int b = 0; b < B; ++b) {
    CHECK(s0[b] == seq_offset + b * stream);
    CHECK(s1[b] == s0[b] + T);
  }
  CHECK(carried(seq0) == std::set<bool>{false});
  CHECK(carried(seq1) == std::set<bool>{true});
  CHECK_THROWS_WITH_AS(s.batch_layout(R"({"batch":4,"steps":10})", 100000), doctest::Contains("minibatches of an epoch"), Error);
}
