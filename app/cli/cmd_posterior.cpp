// diffusion-cli posterior: the exact reverse posterior q(x_{t-k} | x_t = X) of 1-D mixture data
// on a grid, next to the single Gaussian step a perfect ε-predictor would take (k = 1).

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/output.h"

#include "core/posterior.h"

#include <ATen/ATen.h>

#include <cmath>
#include <cstdlib>
#include <memory>

namespace dscli {
namespace {

struct PosteriorOptions {
  std::string gmm;
  ScheduleOptions schedule;
  int t = 0;
  int jump = 0;
  double xt = 0;
  std::string grid;
  std::string format;
  std::string out;
};

struct Grid {
  double lo = 0, hi = 0;
  long long n = 0;
};

constexpr long long kMaxGridPoints = 10'000'000;

Grid parseGrid(const std::string& text) {
  const std::string hint = "expected LO:HI:N (e.g. -4:4:101), got '" + text + "'";
  Grid g;
  const auto c1 = text.find(':');
  const auto c2 = c1 == std::string::npos ? std::string::npos : text.find(':', c1 + 1);
  if (c2 == std::string::npos || text.find(':', c2 + 1) != std::string::npos) throw UsageError("--grid", hint);
  auto number = [&](const std::string& part, double& value) {
    char* end = nullptr;
    value = std::strtod(part.c_str(), &end);
    if (part.empty() || *end != '\0' || !std::isfinite(value)) throw UsageError("--grid", hint);
  };
  number(text.substr(0, c1), g.lo);
  number(text.substr(c1 + 1, c2 - c1 - 1), g.hi);
  double n = 0;
  number(text.substr(c2 + 1), n);
  if (n != std::floor(n)) throw UsageError("--grid", "N must be a whole number, " + hint);
  if (n < 2 || n > kMaxGridPoints) {
    throw UsageError("--grid", "N must be in 2.." + std::to_string(kMaxGridPoints) + ", got " + num(n));
  }
  g.n = static_cast<long long>(n);
  if (!(g.lo < g.hi)) throw UsageError("--grid", "LO must be less than HI, got '" + text + "'");
  // Finite is not enough: HI − LO overflows for ±1e308 and the grid becomes inf/NaN.
  if (std::abs(g.lo) > kMaxMixtureValue || std::abs(g.hi) > kMaxMixtureValue) {
    throw UsageError("--grid", "LO and HI must be in -" + num(kMaxMixtureValue) + ".." + num(kMaxMixtureValue) +
                                   ", got '" + text + "'");
  }
  return g;
}

void runPosterior(const PosteriorOptions& o) {
  const ds::GaussianMixture data = parseGmm(o.gmm);
  if (data.dim() != 1) {
    throw UsageError("--gmm", "posterior needs a 1-D mixture, this one is " + std::to_string(data.dim()) + "-D");
  }
  const ds::NoiseSchedule schedule = makeSchedule(o.schedule);
  requireInRange("--t", o.t, 1, schedule.steps());
  requireInRange("--jump", o.jump, 1, o.t);
  if (!(std::abs(o.xt) <= kMaxMixtureValue)) {
    throw UsageError("--xt",
                     "must be in -" + num(kMaxMixtureValue) + ".." + num(kMaxMixtureValue) + ", got " + num(o.xt));
  }
  const Grid grid = parseGrid(o.grid);
  Output out(o.out);

  std::vector<double> xs(grid.n);
  for (long long i = 0; i < grid.n; ++i) {
    xs[i] = i + 1 == grid.n ? grid.hi : grid.lo + (grid.hi - grid.lo) * double(i) / double(grid.n - 1);
  }
  const at::Tensor x = at::from_blob(xs.data(), {grid.n, 1}, at::kDouble).clone();

  const ds::GaussianMixture exact = ds::exactReversePosterior(data, schedule, {o.xt}, o.t, o.jump);
  const at::Tensor exactDensity = exact.density(x).contiguous();
  const bool hasGaussian = o.jump == 1 && o.t >= 2;
  at::Tensor gaussDensity;
  if (hasGaussian) {
    gaussDensity = ds::idealGaussianStep(data, schedule, {o.xt}, o.t).density(x).contiguous();
  }

  Table table;
  auto& cx = table.addColumn("x", ColumnKind::Double, grid.n);
  auto& ce = table.addColumn("exact", ColumnKind::Double, grid.n);
  auto& cg = table.addColumn("ddpm_gaussian", ColumnKind::Double, grid.n);
  cg.mayBeEmpty = true;  // no Gaussian step for k > 1 or t = 1: empty cells, not an error
  const double* pe = exactDensity.data_ptr<double>();
  const double* pg = hasGaussian ? gaussDensity.data_ptr<double>() : nullptr;
  for (long long i = 0; i < grid.n; ++i) {
    cx.values.push_back(xs[i]);
    ce.values.push_back(pe[i]);
    cg.values.push_back(pg ? pg[i] : std::nan(""));
  }

  nlohmann::json meta;
  meta["gmm"] = data.toSpec();
  meta["kind"] = ds::toString(schedule.spec().kind);
  meta["steps"] = schedule.steps();
  meta["t"] = o.t;
  meta["jump"] = o.jump;
  meta["xt"] = o.xt;
  writeTable(out, table, o.format, meta);
  out.commit();
}

}  // namespace

void addPosteriorCommand(CLI::App& app) {
  auto opts = std::make_shared<PosteriorOptions>();
  auto* cmd =
      app.add_subcommand("posterior", "Exact reverse posterior q(x_{t-k} | x_t = X) of 1-D mixture data on a grid");
  cmd->footer(
      "Columns: x,exact,ddpm_gaussian.\n"
      "  exact          density of q(x_{t-k} | x_t = X) (itself a Gaussian mixture)\n"
      "  ddpm_gaussian  density of the Gaussian reverse step N(mu~_t(x_t, E[x_0|x_t]), beta~_t)\n"
      "                 that a perfect eps-predictor takes; only defined for --jump 1 and --t >= 2,\n"
      "                 otherwise the column is left empty (null in JSON).\n"
      "Example: diffusion-cli posterior --gmm '0.5:-2:0.4;0.5:2:0.4' --kind linear --steps 1000 \\\n"
      "           --t 500 --jump 1 --xt -0.3 --grid -4:4:201");
  addGmmOption(cmd, opts->gmm);
  addScheduleOptions(cmd, opts->schedule, /*kindRequired=*/true, /*stepsRequired=*/true);
  cmd->add_option("--t", opts->t, "Timestep t of the observed x_t, 1..T")->required()->type_name("t");
  cmd->add_option("--jump", opts->jump, "Jump k: the density is over x_{t-k}, 1..t")->required()->type_name("k");
  cmd->add_option("--xt", opts->xt, "Observed value X of x_t")->required()->type_name("X");
  cmd->add_option("--grid", opts->grid, "LO:HI:N - N evenly spaced points from LO to HI inclusive")
      ->required()
      ->type_name("LO:HI:N");
  addFormatOption(cmd, opts->format);
  addOutOption(cmd, opts->out);
  cmd->callback([opts] { runPosterior(*opts); });
}

}  // namespace dscli
