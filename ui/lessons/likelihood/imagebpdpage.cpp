#include "ui/lessons/likelihood/imagebpdpage.h"

#include "core/runtime/atomicfile.h"
#include "ui/computecontext.h"
#include "ui/coremessages.h"
#include "ui/jobtracker.h"
#include "ui/lessonfile.h"
#include "ui/lessons/images/imagegrid.h"
#include "ui/lessons/images/imagescontrols.h"
#include "ui/lessons/likelihood/imagebpdviews.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <ostream>

namespace ds::ui {

namespace {

constexpr int kThumbnails = 6;  // easiest and hardest images shown
const double kTolerances[] = {1e-2, 1e-3, 1e-4, 1e-5};

QString solverId(OdeSolver solver) {
  return solver == OdeSolver::Heun ? QStringLiteral("heun") : QStringLiteral("adaptive");
}

QSpinBox* spin(QWidget* parent, const char* name, int lo, int hi, int value) {
  auto* box = new QSpinBox(parent);
  box->setObjectName(QLatin1String(name));
  box->setRange(lo, hi);
  box->setValue(value);
  return box;
}

QString bpd(double value) { return QString::number(value, 'f', 2); }

}  // namespace

ImageBpdPage::ImageBpdPage(ComputeContext* context, QWidget* parent)
    : LikelihoodPanel(parent), m_context(context), m_tracker(new JobTracker(context, this)) {
  setObjectName(QStringLiteral("imageBpdPage"));
  buildControls();
  buildViews();
  connect(m_tracker, &JobTracker::progress, this, &ImageBpdPage::onProgress);
  connect(m_tracker, &JobTracker::busyChanged, this, &ImageBpdPage::updateEnabled);
  connect(m_tracker, &JobTracker::cancelled, this, [this](quint64 id) {
    if (id != m_jobId || !m_partial) return;
    // The finished batches stay: a cancelled run of 1000 images still says something.
    if (auto latest = m_partial->latest()) showResult(latest);
    m_progress->setValue(0);
    const std::size_t done = m_shown ? std::max(m_shown->vlb.done(), m_shown->ode.done()) : 0;
    m_status->setText(done ? tr("Cancelled: the %n finished image(s) are shown.", nullptr, int(done))
                           : tr("Cancelled before the first batch of images finished."));
  });
  if (context) {
    // The model lives on one device; a new device loads it there with the next job.
    connect(context, &ComputeContext::deviceChanged, this, [this] { m_inputs.reset(); });
  }
  m_status->setText(
      tr("Choose the test images and the method(s), then press Compute. The VLB costs K + 1 network calls per "
         "image; the ODE costs 1 + 2K calls per solver stage with K probes (central differences), far more."));
  updateEnabled();
  showResult(nullptr);
}

ImageBpdPage::~ImageBpdPage() { m_tracker->cancelAndWait(); }

void ImageBpdPage::buildControls() {
  m_controls = new QWidget;
  m_controls->setObjectName(QStringLiteral("imageBpdControls"));
  auto* layout = new QVBoxLayout(m_controls);
  layout->setContentsMargins(0, 0, 0, 0);

  auto* images = new QGroupBox(tr("Test images"), m_controls);
  auto* form = new QFormLayout(images);
  m_count = spin(images, "bpdImages", 1, kImageBpdMaxImages, 50);
  m_count->setToolTip(tr("How many Fashion-MNIST test images to evaluate: the first N of the chosen class."));
  m_class = new QComboBox(images);
  m_class->setObjectName(QStringLiteral("bpdClass"));
  m_class->addItem(fashionClassName(-1), -1);
  for (int c = 0; c < 10; ++c) m_class->addItem(fashionClassName(c), c);
  m_seed = spin(images, "bpdSeed", 0, 1'000'000, int(ImageBpdRequest{}.seed));
  m_seed->setToolTip(tr("Seeds the VLB's noise draws and timesteps and the ODE's probes and dequantization noise."));
  form->addRow(tr("Images"), m_count);
  form->addRow(tr("Class"), m_class);
  form->addRow(tr("Seed"), m_seed);
  layout->addWidget(images);

  m_vlbBox = new QGroupBox(tr("Variational bound (VLB)"), m_controls);
  m_vlbBox->setObjectName(QStringLiteral("bpdVlb"));
  m_vlbBox->setCheckable(true);
  m_vlbBox->setChecked(true);
  m_vlbBox->setToolTip(
      tr("L_T + L₀ + (T−1)·mean of Lₜ₋₁ over K timesteps drawn uniformly from 2…T: an unbiased estimate of the "
         "bound,\nwith the discretized Gaussian decoder over 256 pixel values (Ho et al. 2020, eq. 13)."));
  auto* vlbForm = new QFormLayout(m_vlbBox);
  m_sampledT = spin(m_vlbBox, "bpdSampledT", 2, 1000, 20);
  m_sampledT->setToolTip(tr("K: timesteps per image. More is a tighter estimate of each image's bound, and slower."));
  vlbForm->addRow(tr("Sampled t (K)"), m_sampledT);
  layout->addWidget(m_vlbBox);

  m_odeBox = new QGroupBox(tr("Probability-flow ODE"), m_controls);
  m_odeBox->setObjectName(QStringLiteral("bpdOde"));
  m_odeBox->setCheckable(true);
  m_odeBox->setChecked(false);
  m_odeBox->setToolTip(
      tr("−log p(x₀) by integrating the probability-flow ODE from x₀ to x_T with the change of variables "
         "(Song et al. 2021);\nthe pixels are dequantized with uniform noise, the divergence estimated with "
         "Rademacher probes (Hutchinson)."));
  auto* odeForm = new QFormLayout(m_odeBox);
  m_solver = new QComboBox(m_odeBox);
  m_solver->setObjectName(QStringLiteral("bpdSolver"));
  m_solver->addItem(tr("Adaptive (Dormand–Prince)"), solverId(OdeSolver::Adaptive));
  m_solver->addItem(tr("Heun, fixed steps"), solverId(OdeSolver::Heun));
  m_tolerance = new QComboBox(m_odeBox);
  m_tolerance->setObjectName(QStringLiteral("bpdTolerance"));
  for (double tol : kTolerances) m_tolerance->addItem(QString::number(tol, 'g', 1), tol);
  m_tolerance->setCurrentIndex(1);
  m_tolerance->setToolTip(tr("The adaptive solver's relative and absolute tolerance."));
  m_heunSteps = spin(m_odeBox, "bpdHeunSteps", 2, 1000, 20);
  m_probes = spin(m_odeBox, "bpdProbes", 1, 64, 1);
  m_probes->setToolTip(tr("Rademacher probes per image for the divergence: more lowers the estimate's noise."));
  odeForm->addRow(tr("Solver"), m_solver);
  odeForm->addRow(tr("Tolerance"), m_tolerance);
  odeForm->addRow(tr("Heun steps"), m_heunSteps);
  odeForm->addRow(tr("Probes"), m_probes);
  layout->addWidget(m_odeBox);

  auto* note = new QLabel(tr("bits/dim = −log₂ p(x₀) / 784: the bits per pixel a code built from the model would "
                             "need. Lower is better; 8 would be no model at all."),
                          m_controls);
  note->setWordWrap(true);
  layout->addWidget(note);
  layout->addStretch(1);

  connect(m_solver, &QComboBox::currentIndexChanged, this, &ImageBpdPage::updateEnabled);
  connect(m_vlbBox, &QGroupBox::toggled, this, &ImageBpdPage::updateEnabled);
  connect(m_odeBox, &QGroupBox::toggled, this, &ImageBpdPage::updateEnabled);
}

void ImageBpdPage::buildViews() {
  m_compute = new QPushButton(tr("Compute"), this);
  m_compute->setObjectName(QStringLiteral("bpdCompute"));
  m_compute->setToolTip(tr("Evaluate the chosen test images under the bundled model."));
  m_cancel = new QPushButton(tr("Cancel"), this);
  m_cancel->setObjectName(QStringLiteral("bpdCancel"));
  m_progress = new QProgressBar(this);
  m_progress->setObjectName(QStringLiteral("bpdProgress"));
  m_progress->setRange(0, 1000);
  m_progress->setValue(0);
  connect(m_compute, &QPushButton::clicked, this, &ImageBpdPage::compute);
  connect(m_cancel, &QPushButton::clicked, this, &ImageBpdPage::cancel);
  auto* bar = new QHBoxLayout;
  bar->addWidget(m_compute);
  bar->addWidget(m_cancel);
  bar->addWidget(m_progress, 1);

  m_summary = new QLabel(this);
  m_summary->setObjectName(QStringLiteral("bpdSummary"));
  m_summary->setWordWrap(true);
  m_summary->setTextFormat(Qt::RichText);
  m_status = new QLabel(this);
  m_status->setObjectName(QStringLiteral("bpdStatus"));
  m_status->setWordWrap(true);
  m_status->setTextFormat(Qt::RichText);

  auto* splitter = new QSplitter(Qt::Vertical, this);
  auto* plots = new QSplitter(Qt::Horizontal, splitter);
  m_strip = new BpdStripPlot(plots);
  m_strip->setObjectName(QStringLiteral("bpdStrip"));
  m_terms = new BpdTermsPlot(plots);
  m_terms->setObjectName(QStringLiteral("bpdTerms"));
  plots->addWidget(m_strip);
  plots->addWidget(m_terms);
  plots->setStretchFactor(0, 3);
  plots->setStretchFactor(1, 2);
  auto* thumbs = new QWidget(splitter);
  auto* thumbLayout = new QHBoxLayout(thumbs);
  thumbLayout->setContentsMargins(0, 0, 0, 0);
  m_easiest = new ImageGridView(thumbs);
  m_easiest->setObjectName(QStringLiteral("bpdEasiest"));
  m_easiest->setToolTip(tr("The images the model codes in the fewest bits: plain shapes, much uniform background."));
  m_hardest = new ImageGridView(thumbs);
  m_hardest->setObjectName(QStringLiteral("bpdHardest"));
  m_hardest->setToolTip(
      tr("The images that cost the most bits: texture, prints, fine detail the model cannot predict."));
  thumbLayout->addWidget(m_easiest);
  thumbLayout->addWidget(m_hardest);
  splitter->addWidget(plots);
  splitter->addWidget(thumbs);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  thumbs->setMinimumHeight(110);  // the pictures and their bits/dim stay readable at 1024×768

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(bar);
  layout->addWidget(m_summary);
  layout->addWidget(m_status);
  layout->addWidget(splitter, 1);
}

QWidget* ImageBpdPage::controls() { return m_controls; }

void ImageBpdPage::setSetup(const LikelihoodSetup& setup) { (void)setup; }

void ImageBpdPage::setActive(bool active) {
  // Nothing starts on show: the job takes from seconds to minutes, so it waits for Compute. A running
  // job goes on while another page is shown (the lesson gives every page its own tracker for this).
  m_active = active;
}

void ImageBpdPage::setTimestep(int t) { (void)t; }

void ImageBpdPage::setPresentationMode(bool on) {
  m_style.presentation = on;
  m_strip->setStyle(m_style);
  m_terms->setStyle(m_style);
  m_easiest->setPresentation(on);
  m_hardest->setPresentation(on);
  QFont font = this->font();
  font.setPointSizeF(font.pointSizeF() * (on ? 1.3 : 1.0));
  m_summary->setFont(font);
}

bool ImageBpdPage::isBusy() const { return m_tracker->isBusy(); }

void ImageBpdPage::setModelName(const QString& nameOrPath) {
  if (nameOrPath == m_modelName) return;
  m_modelName = nameOrPath;
  m_inputs.reset();
}

void ImageBpdPage::setDataFolder(const QString& folder) {
  if (folder == m_dataFolder) return;
  m_dataFolder = folder;
  m_inputs.reset();
}

ImageBpdRequest ImageBpdPage::request() const {
  ImageBpdRequest r;
  r.count = m_count->value();
  r.label = m_class->currentData().toInt();
  r.seed = static_cast<std::uint64_t>(m_seed->value());
  r.vlb = m_vlbBox->isChecked();
  r.sampledT = m_sampledT->value();
  r.ode = m_odeBox->isChecked();
  r.solver = m_solver->currentData().toString() == solverId(OdeSolver::Heun) ? OdeSolver::Heun : OdeSolver::Adaptive;
  r.tolerance = m_tolerance->currentData().toDouble();
  r.heunSteps = m_heunSteps->value();
  r.probes = m_probes->value();
  r.model = m_modelName.toStdString();
  r.dataFolder = m_dataFolder.toStdString();
  return r;
}

void ImageBpdPage::updateEnabled() {
  const bool busy = m_tracker->isBusy();
  const bool heun = m_solver->currentData().toString() == solverId(OdeSolver::Heun);
  m_tolerance->setEnabled(!heun);
  m_heunSteps->setEnabled(heun);
  m_compute->setEnabled(m_vlbBox->isChecked() || m_odeBox->isChecked());
  m_compute->setText(busy ? tr("Restart") : tr("Compute"));
  m_cancel->setEnabled(busy);
}

// ---- the job ----------------------------------------------------------------------------------

void ImageBpdPage::compute() {
  const ImageBpdRequest request = this->request();
  try {
    validate(request);
  } catch (const std::exception& e) {
    showError(QString::fromStdString(e.what()));
    return;
  }
  const c10::Device device = m_context ? m_context->device() : c10::Device(c10::kCPU);
  auto partial = std::make_shared<ImageBpdPartial>();
  std::shared_ptr<const ImageBpdInputs> cached = m_inputs;
  QPointer<ImageBpdPage> self(this);
  m_partial = partial;
  m_jobId = m_tracker->submit<ImageBpdResult>(
      tr("Image bits/dim"),
      [request, device, cached, partial](const ProgressFn& progress, const CancelToken& cancel) {
        return runImageBpd(request, device, cached, progress, cancel, partial.get());
      },
      [self](std::shared_ptr<const ImageBpdResult> result) {
        if (!self) return;
        self->m_progress->setValue(self->m_progress->maximum());
        self->showResult(std::move(result));
        const ImageBpdResult& r = *self->m_shown;
        self->m_status->setText(tr("Done: %n image(s) on %1.", nullptr, int(r.indices.size()))
                                    .arg(deviceDisplayName(QString::fromStdString(r.device)).toHtmlEscaped()));
      },
      [self](const QString& message) {
        if (self) self->showError(message);
      });
  m_progress->setValue(0);
  m_status->setText(tr("Loading the model and the test images…"));
  updateEnabled();
}

void ImageBpdPage::cancel() { m_tracker->cancel(); }

void ImageBpdPage::onProgress(quint64 id, qint64 step, qint64 total) {
  if (id != m_jobId) return;
  m_progress->setValue(total > 0 ? int(std::lround(1000.0 * double(step) / double(total))) : 0);
  if (!m_partial) return;
  auto latest = m_partial->latest();
  if (latest && latest != m_shown) showResult(latest);
  if (!m_shown) return;
  const ImageBpdResult& r = *m_shown;
  const std::size_t done =
      r.request.vlb && r.request.ode ? std::min(r.vlb.done(), r.ode.done()) : std::max(r.vlb.done(), r.ode.done());
  m_status->setText(tr("Computing on %1: %2 of %3 images done (%4 %).")
                        .arg(deviceDisplayName(QString::fromStdString(r.device)).toHtmlEscaped())
                        .arg(done)
                        .arg(r.indices.size())
                        .arg(total > 0 ? 100.0 * double(step) / double(total) : 0.0, 0, 'f', 0));
}

void ImageBpdPage::showError(const QString& message) {
  m_status->setText(tr("<span style='color:#b00'>Could not compute bits/dim: %1</span>").arg(message.toHtmlEscaped()));
  m_progress->setValue(0);
  Q_EMIT statusMessage(tr("Could not compute bits/dim: %1").arg(message));
}

// ---- results ------------------------------------------------------------------------------------

void ImageBpdPage::showResult(std::shared_ptr<const ImageBpdResult> result) {
  m_shown = std::move(result);
  if (m_shown && m_shown->inputs) m_inputs = m_shown->inputs;
  m_strip->setResult(m_shown.get());
  m_terms->setResult(m_shown.get());
  showSummary();
  showThumbnails();
}

void ImageBpdPage::showSummary() {
  if (!m_shown) {
    m_summary->setText(tr("<b>No results yet.</b>"));
    return;
  }
  const ImageBpdResult& r = *m_shown;
  QStringList lines;
  const QString cls = fashionClassName(r.request.label);
  const QString model =
      QString::fromStdString(r.inputs ? r.inputs->modelPath : r.request.model).section(QLatin1Char('/'), -1);
  lines << tr("Model %1, %n test image(s) (%2), unconditional.", nullptr, int(r.indices.size()))
               .arg(model.toHtmlEscaped(), cls.toHtmlEscaped());
  if (r.request.vlb) {
    const MeanWithError m = meanWithError(r.vlb.bitsPerDim);
    lines << (m.n ? tr("<b>VLB: %1 ± %2 bits/dim</b> (%3 images, K = %4 sampled t; L₀ %5, Σ Lₜ₋₁ %6, L_T %7; %8 s)")
                        .arg(bpd(m.mean), bpd(m.standardError))
                        .arg(m.n)
                        .arg(r.request.sampledT)
                        .arg(bpd(meanWithError(r.vlb.l0).mean), bpd(meanWithError(r.vlb.lMid).mean))
                        .arg(meanWithError(r.vlb.lT).mean, 0, 'g', 2)
                        .arg(r.vlb.seconds, 0, 'f', 1)
                  : tr("<b>VLB</b>: waiting for the first batch…"));
  }
  if (r.request.ode) {
    const MeanWithError m = meanWithError(r.ode.bitsPerDim);
    const QString how = r.request.solver == OdeSolver::Heun ? tr("Heun, %1 steps").arg(r.request.heunSteps)
                                                            : tr("adaptive, tolerance %1").arg(r.request.tolerance);
    lines << (m.n ? tr("<b>ODE: %1 ± %2 bits/dim</b> (%3 images, %4, %5 probe(s), %6 network calls; %7 s)")
                        .arg(bpd(m.mean), bpd(m.standardError))
                        .arg(m.n)
                        .arg(how)
                        .arg(r.request.probes)
                        .arg(r.ode.evaluations)
                        .arg(r.ode.seconds, 0, 'f', 1)
                  : tr("<b>ODE</b>: waiting for the first batch…"));
    // −log₂ P(pixels) ≥ 0 for 8-bit pixels, so a negative estimate can only be the solver's error (few
    // Heun steps miss the divergence near σ = 0, where the model's ε changes fastest).
    const bool negative = std::any_of(r.ode.bitsPerDim.begin(), r.ode.bitsPerDim.end(), [](double v) { return v < 0; });
    if (negative) {
      lines << tr(
          "<span style='color:#b00'>Negative bits/dim cannot be right for 8-bit pixels: the ODE was solved "
          "too coarsely. Use more Heun steps or the adaptive solver.</span>");
    }
  }
  m_summary->setText(lines.join(QStringLiteral("<br>")));
}

void ImageBpdPage::showThumbnails() {
  // Ranked by the ODE when it ran (a per-image value without the VLB's sampled-t noise), else the VLB.
  const bool byOde = m_shown && !m_shown->ode.bitsPerDim.empty();
  const std::vector<double>* values = m_shown ? (byOde ? &m_shown->ode.bitsPerDim : &m_shown->vlb.bitsPerDim) : nullptr;
  if (!values || values->empty()) {
    for (ImageGridView* grid : {m_easiest, m_hardest}) {
      grid->setImages({}, 1);
      grid->setColumnLabels({});
    }
    m_easiest->setTitle(tr("Lowest bits/dim"));
    m_hardest->setTitle(tr("Highest bits/dim"));
    return;
  }
  const ImageBpdResult& r = *m_shown;
  std::vector<std::size_t> order(values->size());
  std::iota(order.begin(), order.end(), std::size_t(0));
  std::stable_sort(order.begin(), order.end(),
                   [values](std::size_t a, std::size_t b) { return (*values)[a] < (*values)[b]; });
  const std::size_t k = std::min<std::size_t>(kThumbnails, order.size());
  auto fill = [&](ImageGridView* grid, std::vector<std::size_t> chosen) {
    std::vector<QImage> images;
    QStringList labels;
    for (std::size_t i : chosen) {
      images.push_back(grayImage(r.images[std::int64_t(i)]));
      labels << bpd((*values)[i]);  // the class would not fit over a 28-pixel picture; the title says bits/dim
    }
    grid->setImages(std::move(images), std::max<int>(1, int(chosen.size())));
    grid->setColumnLabels(labels);
  };
  fill(m_easiest, std::vector<std::size_t>(order.begin(), order.begin() + std::ptrdiff_t(k)));
  fill(m_hardest, std::vector<std::size_t>(order.rbegin(), order.rbegin() + std::ptrdiff_t(k)));
  const QString method = byOde ? tr("ODE") : tr("VLB");
  m_easiest->setTitle(tr("Lowest bits/dim (%1)").arg(method));
  m_hardest->setTitle(tr("Highest bits/dim (%1)").arg(method));
}

// ---- files ----------------------------------------------------------------------------------------

bool ImageBpdPage::exportCsv(const QString& path, QString* error) const {
  if (!m_shown || (m_shown->vlb.done() == 0 && m_shown->ode.done() == 0)) {
    if (error) *error = tr("No bits/dim yet: press Compute on the Image bits/dim page first.");
    return false;
  }
  const ImageBpdResult& r = *m_shown;
  try {
    writeFileAtomically(path.toStdString(), [&](std::ostream& out) {
      out.precision(9);
      out << "image_index,label,method,bits_per_dim\n";
      auto rows = [&](const std::vector<double>& values, const char* method) {
        for (std::size_t i = 0; i < values.size(); ++i)
          out << r.indices[i] << ',' << r.labels[i] << ',' << method << ',' << values[i] << '\n';
      };
      rows(r.vlb.bitsPerDim, "vlb");
      rows(r.ode.bitsPerDim, "ode");
    });
  } catch (const std::exception& e) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, QString::fromStdString(e.what()));
    return false;
  }
  return true;
}

QJsonObject ImageBpdPage::saveState() const {
  const ImageBpdRequest r = request();
  return {{QStringLiteral("images"), r.count},
          {QStringLiteral("label"), r.label},
          {QStringLiteral("seed"), static_cast<double>(r.seed)},
          {QStringLiteral("vlb"), r.vlb},
          {QStringLiteral("sampledT"), r.sampledT},
          {QStringLiteral("ode"), r.ode},
          {QStringLiteral("solver"), solverId(r.solver)},
          {QStringLiteral("tolerance"), r.tolerance},
          {QStringLiteral("heunSteps"), r.heunSteps},
          {QStringLiteral("probes"), r.probes}};
}

bool ImageBpdPage::applyState(const QJsonObject& state, QString* error) {
  ImageBpdRequest r;  // a fresh page's values for what the file leaves out
  JsonFields f(state, QStringLiteral("state.pages.images"));
  qint64 seed = static_cast<qint64>(r.seed);
  QString solver = solverId(r.solver);
  f.integer(QStringLiteral("images"), 1, kImageBpdMaxImages, &r.count);
  f.integer(QStringLiteral("label"), -1, 9, &r.label);
  f.integer(QStringLiteral("seed"), qint64(0), qint64(1'000'000), &seed);
  f.boolean(QStringLiteral("vlb"), &r.vlb);
  f.integer(QStringLiteral("sampledT"), 2, 1000, &r.sampledT);
  f.boolean(QStringLiteral("ode"), &r.ode);
  f.choice(QStringLiteral("solver"), {solverId(OdeSolver::Adaptive), solverId(OdeSolver::Heun)}, &solver);
  f.number(QStringLiteral("tolerance"), 1e-5, 1e-2, &r.tolerance);
  f.integer(QStringLiteral("heunSteps"), 2, 1000, &r.heunSteps);
  f.integer(QStringLiteral("probes"), 1, 64, &r.probes);
  int toleranceIndex = -1;
  for (int i = 0; i < m_tolerance->count(); ++i) {
    if (std::abs(m_tolerance->itemData(i).toDouble() / r.tolerance - 1.0) < 1e-6) toleranceIndex = i;
  }
  if (f.ok() && toleranceIndex < 0) {
    f.fail(tr("“%1” must be one of 0.01, 0.001, 0.0001 or 1e-05.").arg(f.where(QStringLiteral("tolerance"))));
  }
  if (f.ok() && !r.vlb && !r.ode) {
    f.fail(tr("“%1” and “%2” are both false: choose at least one method.")
               .arg(f.where(QStringLiteral("vlb")), f.where(QStringLiteral("ode"))));
  }
  if (!f.finish()) {
    if (error) *error = f.error();
    return false;
  }
  m_count->setValue(r.count);
  m_class->setCurrentIndex(std::max(0, m_class->findData(r.label)));
  m_seed->setValue(int(seed));
  m_vlbBox->setChecked(r.vlb);
  m_sampledT->setValue(r.sampledT);
  m_odeBox->setChecked(r.ode);
  m_solver->setCurrentIndex(std::max(0, m_solver->findData(solver)));
  m_tolerance->setCurrentIndex(toleranceIndex);
  m_heunSteps->setValue(r.heunSteps);
  m_probes->setValue(r.probes);
  updateEnabled();
  return true;
}

}  // namespace ds::ui
