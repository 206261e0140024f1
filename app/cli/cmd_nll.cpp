// diffusion-cli nll: −log p(x_0) of each point (or test image) under a diffusion model, by one of
// three methods: the exact mixture density (--gmm), the variational bound term by term
// (core/likelihood/vlb.h) or the probability-flow ODE (core/likelihood/ode.h).
//
//   nll --gmm SPEC [--kind K --steps T] (--points FILE | --n N) --method exact|vlb|ode
//   nll --model FILE --points FILE --method vlb|ode
//   nll --model fashion-mnist --images N --method vlb|ode
//
// One row per point: i, the coordinates (or the image's label), nll_nats, bits_per_dim; vlb adds
// std_error (with --sampled-t), l_0, l_mid and l_T.

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/likelihood_options.h"
#include "app/cli/output.h"
#include "app/cli/progress_printer.h"

#include "core/likelihood/ode.h"
#include "core/likelihood/vlb.h"
#include "core/runtime/device.h"

#include <ATen/ATen.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace dscli {
namespace {

constexpr double kLn2 = 0.69314718055994530942;

struct NllOptions {
  LikelihoodSourceOptions source;
  std::string method;
  std::string variance = "large";
  int sampledT = 0;
  long long batch = 0;
  int odeSteps = 0;
  double rtol = 1e-5, atol = 1e-5;
  int probes = 0;
  std::string format;
  std::string out;
  CLI::Option* varianceOpt = nullptr;
  CLI::Option* sampledTOpt = nullptr;
  CLI::Option* batchOpt = nullptr;
  CLI::Option* odeStepsOpt = nullptr;
  CLI::Option* rtolOpt = nullptr;
  CLI::Option* atolOpt = nullptr;
  CLI::Option* probesOpt = nullptr;
};

struct NllColumns {
  at::Tensor nats;           // double [N], in the user's coordinates
  at::Tensor standardError;  // vlb with --sampled-t only
  at::Tensor l0, lMid, lT;   // vlb only
  std::int64_t evaluations = 0;
};

void refuse(const std::vector<CLI::Option*>& opts, const std::string& method) {
  for (auto* opt : opts) {
    if (opt->count()) throw UsageError(opt->get_name(), "is not used by --method " + method);
  }
}

// The exact VLB over all T needs the per-term table [N, T] in double.
void checkVlbMemory(const LikelihoodData& d, const NllOptions& o, const std::string& option) {
  const double rows = static_cast<double>(d.x0.size(0)) * (o.sampledT > 0 ? o.sampledT : d.schedule->steps());
  requireMemory(option, rows * 8.0 * 3.0, "a term of every point and t in double",
                "evaluate fewer points or use --sampled-t K");
}

NllColumns runVlb(const LikelihoodData& d, const NllOptions& o, const c10::Device& device, ProgressPrinter& printer,
                  const ds::CancelToken& cancel) {
  ds::VlbOptions v;
  try {
    v.variance = ds::parseVlbVariance(o.variance);
  } catch (const std::invalid_argument& e) {
    throw UsageError("--variance", e.what());
  }
  if (o.sampledT < 0 || o.sampledT == 1) throw UsageError("--sampled-t", "must be 0 (every t) or at least 2");
  requireInRange("--batch", o.batch, 0, 1'000'000);
  v.sampledT = o.sampledT;
  v.decoder = d.images ? ds::VlbDecoder::Discretized : ds::VlbDecoder::Continuous;
  v.clipX0 = d.images;  // as improved-diffusion's image_nll.py (clip_denoised)
  v.doubleInput = d.hasMixture;
  v.batchRows = o.batch > 0 ? o.batch : (d.images ? 64 : 4096);
  v.seed = deriveSeed(o.source.seed, 2);
  v.device = device;
  checkVlbMemory(d, o, o.sampledT > 0 ? "--sampled-t" : (d.images ? "--images" : "--points"));
  const ds::VlbResult r = ds::variationalBound(*d.denoiser, *d.schedule, d.x0, v, printer.callback(), cancel);
  NllColumns c;
  c.nats = r.nats.cpu() + d.logJacobian;
  if (o.sampledT > 0) c.standardError = r.standardError.cpu();
  c.l0 = r.l0.cpu() + d.logJacobian;  // the decoder is the density of x_0: it carries the Jacobian
  c.lMid = r.lMid.cpu();
  c.lT = r.lT.cpu();
  c.evaluations = r.evaluations;
  return c;
}

NllColumns runOde(const LikelihoodData& d, const NllOptions& o, const c10::Device& device, ProgressPrinter& printer,
                  const ds::CancelToken& cancel) {
  ds::OdeOptions ode;
  if (o.odeStepsOpt->count()) {
    refuse({o.rtolOpt, o.atolOpt}, "ode with --ode-steps (Heun has no tolerances)");
    requireInRange("--ode-steps", o.odeSteps, 1, d.schedule->steps());
    ode.solver = ds::OdeSolver::Heun;
    ode.steps = o.odeSteps;
  } else {
    if (!(o.rtol > 0 && o.rtol < 1)) throw UsageError("--rtol", "must be in (0, 1), got " + num(o.rtol));
    if (!(o.atol > 0 && o.atol < 1)) throw UsageError("--atol", "must be in (0, 1), got " + num(o.atol));
    ode.solver = ds::OdeSolver::Adaptive;
    ode.rtol = o.rtol;
    ode.atol = o.atol;
  }
  // Images: one Rademacher probe unless told otherwise (the exact divergence needs D = 784 passes).
  ode.probes = o.probesOpt->count() ? o.probes : (d.images ? 1 : 0);
  requireInRange("--probes", ode.probes, 0, 1000);
  ode.images = d.images;
  ode.seed = deriveSeed(o.source.seed, 3);
  ode.device = device;
  const ds::OdeNll r = ds::odeNegLogLikelihood(*d.denoiser, *d.schedule, d.x0, ode, printer.callback(), cancel);
  NllColumns c;
  c.nats = r.nats.cpu().to(at::kDouble) + d.logJacobian;
  c.evaluations = r.evaluations;
  return c;
}

void addColumn(Table& table, const std::string& name, const at::Tensor& values) {
  auto& col = table.addColumn(name, ColumnKind::Double, static_cast<std::size_t>(values.size(0)));
  const at::Tensor v = values.to(at::kDouble).contiguous();
  col.values.assign(v.data_ptr<double>(), v.data_ptr<double>() + v.numel());
}

void runNll(const NllOptions& o) {
  if (o.method != "exact" && o.method != "vlb" && o.method != "ode") {
    throw UsageError("--method", "'" + o.method + "' is not a method (use exact, vlb or ode)");
  }
  const std::vector<CLI::Option*> vlbOnly = {o.varianceOpt, o.sampledTOpt, o.batchOpt};
  const std::vector<CLI::Option*> odeOnly = {o.odeStepsOpt, o.rtolOpt, o.atolOpt, o.probesOpt};
  if (o.method != "vlb") refuse(vlbOnly, o.method);
  if (o.method != "ode") refuse(odeOnly, o.method);
  if (!o.out.empty() && o.out != "-") requireWritableOutput("--out", o.out);  // before any work
  const bool exact = o.method == "exact";
  const c10::Device device = exact ? c10::Device(c10::kCPU) : resolveDevice();
  const LikelihoodData d = loadLikelihoodData(o.source, /*needDenoiser=*/!exact, device);

  ds::CancelToken cancel;
  InterruptGuard guard(cancel);
  const std::string label = "nll (" + o.method + (exact ? "" : ", " + ds::describeDevice(device)) + ")";
  ProgressPrinter printer(label, globalOptions().quiet);
  const auto start = std::chrono::steady_clock::now();
  NllColumns c;
  if (exact) {
    c.nats = ds::mixtureNegLogLikelihood(d.mixture, d.x0);
  } else if (o.method == "vlb") {
    c = runVlb(d, o, device, printer, cancel);
  } else {
    c = runOde(d, o, device, printer, cancel);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  printer.endLine();

  const std::int64_t N = c.nats.size(0);
  const double D = static_cast<double>(d.dims);
  const at::Tensor bpd = c.nats / (D * kLn2);
  Table table;
  auto& index = table.addColumn("i", ColumnKind::Integer, static_cast<std::size_t>(N));
  for (std::int64_t i = 0; i < N; ++i) index.values.push_back(static_cast<double>(i));
  if (d.images) {
    auto& label = table.addColumn("label", ColumnKind::Integer, static_cast<std::size_t>(N));
    const at::Tensor l = d.labels.to(at::kLong).contiguous();
    for (std::int64_t i = 0; i < N; ++i) label.values.push_back(static_cast<double>(l.data_ptr<std::int64_t>()[i]));
  } else {
    std::vector<Column*> coords;
    for (const auto& name : coordinateNames(static_cast<int>(d.points.size(1)))) {
      coords.push_back(&table.addColumn(name, ColumnKind::Float, static_cast<std::size_t>(N)));
    }
    appendCoordinates(coords, d.points);
  }
  addColumn(table, "nll_nats", c.nats);
  addColumn(table, "bits_per_dim", bpd);
  if (c.standardError.defined()) addColumn(table, "std_error", c.standardError);
  if (c.l0.defined()) {
    addColumn(table, "l_0", c.l0);
    addColumn(table, "l_mid", c.lMid);
    addColumn(table, "l_T", c.lT);
  }

  const double meanNats = c.nats.mean().item<double>();
  const double semNats = N > 1 ? c.nats.std().item<double>() / std::sqrt(static_cast<double>(N)) : 0.0;
  nlohmann::json meta = d.meta;
  meta["method"] = o.method;
  meta["points"] = N;
  meta["dims"] = d.dims;
  meta["mean_nll_nats"] = meanNats;
  meta["mean_bits_per_dim"] = meanNats / (D * kLn2);
  meta["seconds"] = seconds;
  if (!exact) {
    meta["seed"] = o.source.seed;
    meta["evaluations"] = c.evaluations;
  }
  if (o.method == "vlb") {
    meta["variance"] = o.variance;
    meta["sampled_t"] = o.sampledT;
  }
  if (d.logJacobian != 0) meta["log_jacobian"] = d.logJacobian;
  Output out(o.out);
  writeTable(out, table, o.format, meta);
  out.commit();
  if (!globalOptions().quiet) {
    std::fprintf(stderr, "%s: %lld %s, mean %.6g nats = %.6g bits/dim (standard error of the mean %.2g nats), %.2f s\n",
                 label.c_str(), static_cast<long long>(N), d.images ? "images" : "points", meanNats,
                 meanNats / (D * kLn2), semNats, seconds);
  }
}

}  // namespace

void addNllCommand(CLI::App& app) {
  auto o = std::make_shared<NllOptions>();
  auto* cmd = app.add_subcommand("nll", "Negative log-likelihood of points or test images: exact, VLB or ODE");
  addLikelihoodSourceOptions(cmd, o->source);
  cmd->add_option("--method", o->method,
                  "exact (mixture density, --gmm only), vlb (the bound) or ode (probability flow)")
      ->required()
      ->type_name("M");
  o->varianceOpt = cmd->add_option("--variance", o->variance, "vlb: sigma_t^2 = beta_t (large) or beta~_t (small)")
                       ->capture_default_str()
                       ->type_name("V");
  o->sampledTOpt =
      cmd->add_option("--sampled-t", o->sampledT,
                      "vlb: 0 sums every t; K >= 2: L_0 plus an estimate from K uniform t in 2..T per point")
          ->capture_default_str()
          ->type_name("K");
  o->batchOpt = cmd->add_option("--batch", o->batch, "vlb: rows per denoiser call (0 = 4096 points or 64 images)")
                    ->capture_default_str()
                    ->type_name("B");
  o->odeStepsOpt = cmd->add_option("--ode-steps", o->odeSteps, "ode: fixed-step Heun with N steps (default: adaptive)")
                       ->type_name("N");
  o->rtolOpt = cmd->add_option("--rtol", o->rtol, "ode: relative tolerance of the adaptive solver")
                   ->capture_default_str()
                   ->type_name("R");
  o->atolOpt = cmd->add_option("--atol", o->atol, "ode: absolute tolerance of the adaptive solver")
                   ->capture_default_str()
                   ->type_name("A");
  o->probesOpt =
      cmd->add_option("--probes", o->probes, "ode: 0 = exact divergence, K = Hutchinson with K probes (images: 1)")
          ->type_name("K");
  addFormatOption(cmd, o->format);
  addOutOption(cmd, o->out);
  cmd->footer(
      "Columns: i, x[,y] (points) or label (images), nll_nats, bits_per_dim (= nats / (D ln 2)); --method vlb\n"
      "adds std_error (with --sampled-t), l_0, l_mid (the sum of L_1..L_{T-1}) and l_T. Images: bits/dim of\n"
      "the 8-bit pixels (the VLB's discretized decoder; the ODE dequantizes), unconditional (null label).\n"
      "The mean and the time go to standard error. See docs/likelihood.md for the conventions.\n"
      "Examples:\n"
      "  diffusion-cli nll --gmm '0.5:-2:0.4;0.5:2:0.4' --n 1000 --seed 1 --method exact\n"
      "  diffusion-cli nll --gmm '0.5:-2:0.4;0.5:2:0.4' --kind linear --steps 1000 --n 1000 --seed 1 --method vlb\n"
      "  diffusion-cli nll --model fashion-mnist --images 100 --method vlb --sampled-t 20");
  cmd->callback([o] { runNll(*o); });
}

}  // namespace dscli
