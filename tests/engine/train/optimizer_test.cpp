#include <doctest.h>

#include <cmath>
#include <vector>

#include "engine/core/error.h"
#include "engine/train/optimizer.h"

using namespace seqlab;
using namespace seqlab::train;

// The quadratic f(p) = 0.5 * sum a_i p_i^2 has gradient a_i p_i; each test replays the update formulas in
// double beside the float optimizer.
namespace {
const std::vector<double> kCurvature = {1.0, 0.5, 2.0};
}

TEST_CASE("optimizer: sgd is p -= lr * g") {
  OptimizerOptions o;
  o.kind = OptimizerKind::Sgd;
  o.lr = 0.1;
  Optimizer opt(o, 3);
  std::vector<float> p = {1.0f, -2.0f, 0.5f}, g(3);
  std::vector<double> ref = {1.0, -2.0, 0.5};
  for (int step = 0; step < 20; ++step) {
    for (int i = 0; i < 3; ++i) g[i] = static_cast<float>(kCurvature[i] * p[i]);
    opt.step(p.data(), g.data(), 3);
    for (int i = 0; i < 3; ++i) ref[i] -= 0.1 * kCurvature[i] * ref[i];
  }
  for (int i = 0; i < 3; ++i) CHECK(p[i] == doctest::Approx(ref[i]).epsilon(1e-5));
  CHECK(std::abs(p[2]) < 0.5 * 0.82);  // it descends
}

TEST_CASE("optimizer: momentum is v = mu v + g, p -= lr v") {
  OptimizerOptions o;
  o.kind = OptimizerKind::Momentum;
  o.lr = 0.05;
  o.momentum = 0.9;
  Optimizer opt(o, 3);
  std::vector<float> p = {1.0f, -2.0f, 0.5f}, g(3);
  std::vector<double> ref = {1.0, -2.0, 0.5}, v(3, 0.0);
  for (int step = 0; step < 30; ++step) {
    for (int i = 0; i < 3; ++i) g[i] = static_cast<float>(kCurvature[i] * p[i]);
    opt.step(p.data(), g.data(), 3);
    for (int i = 0; i < 3; ++i) {
      v[i] = 0.9 * v[i] + kCurvature[i] * ref[i];
      ref[i] -= 0.05 * v[i];
    }
  }
  for (int i = 0; i < 3; ++i) CHECK(p[i] == doctest::Approx(ref[i]).epsilon(1e-4));
}

TEST_CASE("optimizer: adam follows Kingma and Ba with bias correction") {
  OptimizerOptions o;
  o.kind = OptimizerKind::Adam;
  o.lr = 0.01;
  Optimizer opt(o, 3);
  std::vector<float> p = {1.0f, -2.0f, 0.5f}, g(3);
  std::vector<double> ref = {1.0, -2.0, 0.5}, m(3, 0.0), s(3, 0.0);
  for (int t = 1; t <= 25; ++t) {
    for (int i = 0; i < 3; ++i) g[i] = static_cast<float>(kCurvature[i] * p[i]);
    opt.step(p.data(), g.data(), 3);
    for (int i = 0; i < 3; ++i) {
      const double gi = kCurvature[i] * ref[i];
      m[i] = 0.9 * m[i] + 0.1 * gi;
      s[i] = 0.999 * s[i] + 0.001 * gi * gi;
      ref[i] -= 0.01 * (m[i] / (1 - std::pow(0.9, t))) / (std::sqrt(s[i] / (1 - std::pow(0.999, t))) + 1e-8);
    }
  }
  for (int i = 0; i < 3; ++i) CHECK(p[i] == doctest::Approx(ref[i]).epsilon(1e-4));
  // The first Adam step moves every coordinate by lr, whatever the gradient's scale.
  Optimizer first(o, 1);
  float q = 3.0f, gq = 1000.0f;
  first.step(&q, &gq, 1);
  CHECK(q == doctest::Approx(2.99).epsilon(1e-5));
}

TEST_CASE("optimizer: options out of range are errors") {
  OptimizerOptions o;
  o.lr = 0.0;
  CHECK_THROWS_AS(Optimizer(o, 1), Error);
  o.lr = 1.0;
  o.momentum = 1.0;
  CHECK_THROWS_AS(o.validate(), Error);
  CHECK_THROWS_AS(parse_optimizer_kind("rmsprop"), Error);
}
