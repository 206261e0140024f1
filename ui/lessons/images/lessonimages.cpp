#include "ui/lessons/images/lessonimages.h"

#include "core/data/idx.h"
#include "core/data/png.h"
#include "core/eval/imagechains.h"
#include "core/models/registry.h"
#include "core/runtime/atomicfile.h"
#include "ui/computecontext.h"
#include "ui/coremessages.h"
#include "ui/jobtracker.h"
#include "ui/lessons/images/imagegrid.h"
#include "ui/lessons/images/imagescontrols.h"
#include "ui/lessons/images/imagesdocument.h"
#include "ui/lessons/images/pixelhistogram.h"
#include "ui/widgets/controlsscroll.h"

#include <QAction>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <ostream>

namespace ds::ui {

namespace {

// What a forward job hands back: the test set (loaded by the first job, reused by later ones)
// and the chain.
struct ForwardJobResult {
  std::shared_ptr<const ImageSet> set;
  ImageForwardResult forward;
};

// What a sampling job hands back: the models it used (loaded by the first job on a device) and
// the runs.
struct SampleJobResult {
  std::shared_ptr<const ImageModels> models;
  ImageSampleResult samples;
};

int gridColumns(int n) { return std::max(1, int(std::ceil(std::sqrt(double(n))))); }

}  // namespace

LessonImages::LessonImages(ComputeContext* context, QWidget* parent)
    : Lesson(context, parent), m_doc(new ImagesDocument(this)), m_forwardTracker(new JobTracker(context, this)) {
  m_controls = new ImagesControls(m_doc);
  buildViews(new ControlsScrollArea(m_controls, this));
  buildActions();
  connect(m_doc, &ImagesDocument::forwardChanged, this, [this] {
    m_forwardPending = true;
    if (isVisible()) submitForward();
  });
  connect(m_doc, &ImagesDocument::reverseChanged, this, &LessonImages::requestSampling);
  connect(m_doc, &ImagesDocument::modelsChanged, this, [this] {
    m_models.reset();
    requestSampling();
  });
  connect(m_doc, &ImagesDocument::selectionChanged, this, &LessonImages::showStrip);
  connect(m_controls, &ImagesControls::sampleRequested, this, &LessonImages::sampleNow);
  if (context) {
    // Models live on one device; a new device loads them there on the next run.
    connect(context, &ComputeContext::deviceChanged, this, [this] { m_models.reset(); });
  }
  m_controls->setModelInfo(tr("Model: %1 (loaded with the first sampling run).").arg(m_doc->modelName()));
  m_controls->setStatus(tr("Forward: real pictures dissolve into noise. Switch the timeline to Reverse to sample."));
}

LessonImages::~LessonImages() {
  // The jobs read nothing of the lesson's, but their results must not arrive into a half-destroyed page.
  m_forwardTracker->cancelAndWait();
  tracker()->cancelAndWait();
}

void LessonImages::buildViews(QWidget* controls) {
  // Forward page: a 4-row grid (x_0, x_t by steps, x_t in one jump, noise added) over the histogram.
  auto* forwardPage = new QSplitter(Qt::Vertical, this);
  m_forwardGrid = new ImageGridView(forwardPage);
  m_forwardGrid->setObjectName(QStringLiteral("forwardGrid"));
  m_forwardGrid->setRowLabels({tr("x₀"), tr("xₜ: t steps"), tr("xₜ: one jump"), tr("noise added")});
  m_forwardGrid->setToolTip(
      tr("Row 2 noises x₀ step by step: xₜ = √(1−βₜ)·xₜ₋₁ + √βₜ·z.\n"
         "Row 3 jumps there at once: xₜ = √ᾱₜ·x₀ + √(1−ᾱₜ)·ε, the same distribution q(xₜ | x₀).\n"
         "Row 4 is what the steps added: xₜ − √ᾱₜ·x₀ ~ N(0, (1−ᾱₜ)·I)."));
  m_histogram = new PixelHistogramView(forwardPage);
  m_histogram->setObjectName(QStringLiteral("pixelHistogram"));
  forwardPage->addWidget(m_forwardGrid);
  forwardPage->addWidget(m_histogram);
  forwardPage->setStretchFactor(0, 3);
  forwardPage->setStretchFactor(1, 2);

  // Reverse page: run A (x_t | x̂_0), run B below it when comparing, the trajectory strip at the bottom.
  auto* reversePage = new QSplitter(Qt::Vertical, this);
  auto* runs = new QWidget(reversePage);
  auto* runsLayout = new QGridLayout(runs);
  runsLayout->setContentsMargins(0, 0, 0, 0);
  runsLayout->setSpacing(2);
  for (int r = 0; r < 2; ++r) {
    const QString suffix = r == 0 ? QStringLiteral("A") : QStringLiteral("B");
    m_grid[r] = new ImageGridView(runs);
    m_grid[r]->setObjectName(QStringLiteral("samples") + suffix);
    m_grid[r]->setSelectable(true);
    m_grid[r]->setToolTip(tr("The samples xₜ at the current t. Click one to follow its whole trajectory below."));
    m_x0[r] = new ImageGridView(runs);
    m_x0[r]->setObjectName(QStringLiteral("x0") + suffix);
    m_x0[r]->setSelectable(true);
    m_x0[r]->setToolTip(tr("The model's prediction x̂₀ = (xₜ − √(1−ᾱₜ)·ε̂)/√ᾱₜ at the current t."));
    runsLayout->addWidget(m_grid[r], r, 0);
    runsLayout->addWidget(m_x0[r], r, 1);
    for (ImageGridView* view : {m_grid[r], m_x0[r]})
      connect(view, &ImageGridView::cellClicked, m_doc, [this, r](int index) { m_doc->setSelection(r, index); });
  }
  m_strip = new ImageGridView(reversePage);
  m_strip->setObjectName(QStringLiteral("trajectory"));
  m_strip->setToolTip(tr("One sample's way from noise to picture: xₜ and x̂₀ at evenly spaced recorded steps."));
  reversePage->addWidget(runs);
  reversePage->addWidget(m_strip);
  reversePage->setStretchFactor(0, 5);
  reversePage->setStretchFactor(1, 2);
  reversePage->setSizes({500, 220});  // scaled to the page's height when it is laid out

  m_pages = new QStackedWidget(this);
  m_pages->addWidget(forwardPage);
  m_pages->addWidget(reversePage);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(controls);
  layout->addWidget(m_pages, 1);
}

void LessonImages::buildActions() {
  auto* sample = new QAction(tr("Sample again"), this);
  connect(sample, &QAction::triggered, this, &LessonImages::sampleNow);
  auto* other = new QAction(tr("Other pictures"), this);
  connect(other, &QAction::triggered, m_controls->otherImagesButton(), &QPushButton::click);
  auto* save = new QAction(tr("Save images as PNG grid…"), this);
  connect(save, &QAction::triggered, this, [this] {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save images"), QStringLiteral("images.png"), tr("PNG images (*.png)"));
    if (path.isEmpty()) return;
    QString error;
    if (!saveGridPng(path, &error)) Q_EMIT statusMessage(error);
    else Q_EMIT statusMessage(tr("Saved %1").arg(path));
  });
  m_actions = {sample, other, save};
}

ImageGridView* LessonImages::samplesGrid(int run) const { return m_grid[std::clamp(run, 0, 1)]; }
ImageGridView* LessonImages::x0Grid(int run) const { return m_x0[std::clamp(run, 0, 1)]; }

NoiseSchedule LessonImages::schedule() const {
  if (m_models) return NoiseSchedule(m_models->meta.schedule);
  if (m_forward) return NoiseSchedule(m_forward->schedule);
  return NoiseSchedule(ScheduleSpec{});  // the bundled model's: linear β, T = 1000
}

// ---- jobs -----------------------------------------------------------------------------------

void LessonImages::submitForward() {
  m_forwardPending = false;
  const ImagesForwardSettings settings = m_doc->forward();
  const ScheduleSpec spec = m_models ? m_models->meta.schedule : ScheduleSpec{};
  std::shared_ptr<const ImageSet> set = m_testSet;
  QPointer<LessonImages> self(this);
  m_forwardTracker->submit<ForwardJobResult>(
      tr("Forward chain on images"),
      [settings, spec, set](const ProgressFn&, const CancelToken& cancel) {
        ForwardJobResult r;
        r.set = set ? set : std::make_shared<const ImageSet>(loadFashionMnist("fashion-mnist", ImageSplit::Test));
        r.forward =
            runImageForward(r.set->images, r.set->labels, settings.label, settings.count, settings.seed, spec, cancel);
        return r;
      },
      [self](std::shared_ptr<const ForwardJobResult> result) {
        if (!self) return;
        self->m_testSet = result->set;
        // Keep the result alive through the aliasing pointer: the chain is a member of the job result.
        self->m_forward = std::shared_ptr<const ImageForwardResult>(result, &result->forward);
        self->applyForward();
      },
      [self](const QString& message) {
        if (self) self->showFailure(tr("Could not load the Fashion-MNIST test images"), message);
      });
}

void LessonImages::requestSampling() {
  if (isVisible() && reverseShown()) sampleNow();
  else m_samplingPending = true;
}

void LessonImages::sampleNow() {
  m_samplingPending = false;
  const c10::Device device = computeContext() ? computeContext()->device() : c10::Device(c10::kCPU);
  std::shared_ptr<const ImageModels> models = m_models && m_models->device == device ? m_models : nullptr;
  const std::string modelName = m_doc->modelName().toStdString();
  const std::string classifierName = m_doc->classifierName().toStdString();
  const ImagesReverseSettings settings = m_doc->reverse();
  ImageSampleRequest request;
  request.settings = settings.runs();
  request.label = settings.label;
  request.n = settings.n;
  request.seed = settings.seed;
  QPointer<LessonImages> self(this);
  tracker()->submit<SampleJobResult>(
      tr("Sampling images"),
      [models, modelName, classifierName, device, request](const ProgressFn& progress, const CancelToken& cancel) {
        SampleJobResult r;
        r.models = models ? models : loadImageModels(modelName, classifierName, device);
        r.samples = runImageSampling(*r.models, request, progress, cancel);
        return r;
      },
      [self](std::shared_ptr<const SampleJobResult> result) {
        if (!self) return;
        const bool newModels = self->m_models != result->models;
        self->m_models = result->models;
        self->m_samples = std::shared_ptr<const ImageSampleResult>(result, &result->samples);
        if (newModels) {
          self->showModelInfo();
          Q_EMIT self->scheduleChanged();
        }
        self->applySamples();
      },
      [self](const QString& message) {
        if (self) self->showFailure(tr("Could not sample"), message);
      });
  QStringList labels;
  for (const auto& s : request.settings) labels << QString::fromStdString(s.label());
  m_controls->setStatus(
      tr("Sampling %1 × %2 of class %3 (%4)…")
          .arg(request.settings.size())
          .arg(request.n)
          .arg(fashionClassName(request.label))
          .arg(labels.size() == 2 ? tr("%1 and %2").arg(labels[0], labels[1]) : labels.join(QStringLiteral(", "))));
}

// ---- results --------------------------------------------------------------------------------

void LessonImages::applyForward() {
  if (!reverseShown()) {
    m_controls->setStatus(tr("%1 test pictures (%2). Scrub t: the steps and the one jump reach the same "
                             "distribution; at t = T only noise is left.")
                              .arg(m_forward->x0.size(0))
                              .arg(fashionClassName(m_doc->forward().label)));
  }
  showForward();
}

void LessonImages::applySamples() {
  const ImageSampleResult& s = *m_samples;
  QStringList parts;
  for (std::size_t i = 0; i < s.runs.size(); ++i) {
    parts << tr("%1 %2: %3 s")
                 .arg(i == 0 ? tr("A") : tr("B"), QString::fromStdString(s.settings[i].label()))
                 .arg(s.seconds[i], 0, 'f', 1);
  }
  m_controls->setStatus(tr("%1 samples of %2 on %3, seed %4.<br>%5")
                            .arg(s.runs.front().final().size(0))
                            .arg(fashionClassName(s.label))
                            .arg(deviceDisplayName(QString::fromStdString(s.device)))
                            .arg(s.seed)
                            .arg(parts.join(QStringLiteral("<br>"))));
  showReverse();
}

void LessonImages::showModelInfo() {
  if (!m_models) return;
  const auto& m = *m_models;
  const auto& tr_ = m.meta.training;
  QString text = tr("<b>Model</b> %1: U-Net, %2 channels, trained %3 steps (loss %4).")
                     .arg(QString::fromStdString(m.unetPath).toHtmlEscaped())
                     .arg(m.meta.architecture.baseChannels)
                     .arg(tr_.steps)
                     .arg(tr_.loss, 0, 'f', 4);
  text += QStringLiteral("<br>");
  text += m.classifier
              ? tr("<b>Classifier</b> %1.").arg(QString::fromStdString(m.classifierPath).toHtmlEscaped())
              : tr("<b>No noisy classifier</b>: %1").arg(QString::fromStdString(m.classifierError).toHtmlEscaped());
  m_controls->setModelInfo(text);
}

void LessonImages::showFailure(const QString& what, const QString& message) {
  m_controls->setStatus(tr("<span style='color:#b00'>%1: %2</span>").arg(what, message.toHtmlEscaped()));
  Q_EMIT statusMessage(what + QStringLiteral(": ") + message);
}

// ---- views ----------------------------------------------------------------------------------

void LessonImages::showForward() {
  if (!m_forward) return;
  const ImageForwardResult& f = *m_forward;
  const int t = std::clamp(m_t, 0, f.T);
  const int n = int(f.x0.size(0));
  std::vector<QImage> cells;
  for (const at::Tensor& rowImages : {f.x0, f.steps[t], f.jump(t), f.noiseAdded(t)}) {
    for (QImage& image : grayImages(rowImages)) cells.push_back(std::move(image));
  }
  m_forwardGrid->setImages(std::move(cells), n);
  QStringList names;
  for (int i = 0; i < n; ++i) names << fashionClassShortName(int(f.labels[i].item<std::int64_t>()));
  m_forwardGrid->setColumnLabels(names);
  const NoiseSchedule s(f.schedule);
  m_forwardGrid->setTitle(tr("Forward chain at t = %1: √ᾱₜ = %2, √(1−ᾱₜ) = %3")
                              .arg(t)
                              .arg(std::sqrt(s.alphaBar(t)), 0, 'f', 3)
                              .arg(std::sqrt(1 - s.alphaBar(t)), 0, 'f', 3));
  m_histogram->setHistogram(t, f.histogram[std::size_t(t)], f.pixelMean[std::size_t(t)], f.pixelStd[std::size_t(t)]);
}

void LessonImages::showReverse() {
  if (!m_samples) return;
  const ImageSampleResult& s = *m_samples;
  const int runs = int(s.runs.size());
  for (int r = 0; r < 2; ++r) {
    const bool shown = r < runs;
    m_grid[r]->setVisible(shown);
    m_x0[r]->setVisible(shown);
    if (!shown) continue;
    const Trajectory& traj = s.runs[std::size_t(r)];
    const int index = traj.indexNearest(m_t);
    const int t = traj.t[std::size_t(index)];
    const int n = int(traj.x[std::size_t(index)].size(0));
    const QString name = (r == 0 ? tr("A") : tr("B")) + QStringLiteral(" · ") +
                         QString::fromStdString(s.settings[std::size_t(r)].label());
    m_grid[r]->setImages(grayImages(traj.x[std::size_t(index)]), gridColumns(n));
    m_grid[r]->setTitle(tr("%1\nxₜ at t = %2").arg(name).arg(t));
    const at::Tensor& x0 = traj.x0Pred[std::size_t(index)];
    if (x0.defined()) {
      m_x0[r]->setImages(grayImages(x0), gridColumns(n));
      m_x0[r]->setTitle(tr("x̂₀ predicted from xₜ\nat t = %1").arg(t));
    } else {
      m_x0[r]->setImages({}, gridColumns(n));
      m_x0[r]->setTitle(tr("x̂₀: no prediction yet\nat t = %1 (pure noise)").arg(t));
    }
  }
  showStrip();
}

void LessonImages::showStrip() {
  if (!m_samples) return;
  const ImageSampleResult& s = *m_samples;
  const int runs = int(s.runs.size());
  const int run = std::clamp(m_doc->selectedRun(), 0, runs - 1);
  for (int r = 0; r < runs; ++r) {
    m_grid[r]->setSelected(r == run ? m_doc->selectedSample() : -1);
    m_x0[r]->setSelected(r == run ? m_doc->selectedSample() : -1);
  }
  // The selected sample's x_t and x̂_0 at about ten evenly spaced recorded steps, x_T to x_0.
  constexpr int kMaxFrames = 10;
  const Trajectory& traj = s.runs[std::size_t(run)];
  const int sample = std::clamp(m_doc->selectedSample(), 0, int(traj.final().size(0)) - 1);
  const int frames = std::min(kMaxFrames, traj.size());
  std::vector<std::size_t> indices;
  for (int k = 0; k < frames; ++k)
    indices.push_back(std::size_t(std::lround(double(k) * (traj.size() - 1) / std::max(1, frames - 1))));
  std::vector<QImage> cells, x0Row;
  QStringList columnLabels;
  int current = 0;
  for (int k = 0; k < frames; ++k) {
    const std::size_t i = indices[std::size_t(k)];
    cells.push_back(grayImage(traj.x[i][sample]));
    x0Row.push_back(traj.x0Pred[i].defined() ? grayImage(traj.x0Pred[i][sample]) : QImage());
    columnLabels << QString::number(traj.t[i]);
    // The frame nearest the scrubbed t is outlined.
    if (std::abs(traj.t[i] - m_t) < std::abs(traj.t[indices[std::size_t(current)]] - m_t)) current = k;
  }
  for (QImage& image : x0Row) cells.push_back(std::move(image));
  m_strip->setImages(std::move(cells), frames);
  m_strip->setRowLabels({tr("xₜ"), tr("x̂₀")});
  m_strip->setColumnLabels(columnLabels);
  m_strip->setSelected(current);
  m_strip->setTitle(runs > 1 ? tr("Trajectory of sample %1 of %2 over t (click a sample above to choose)")
                                   .arg(sample + 1)
                                   .arg(run == 0 ? tr("A") : tr("B"))
                             : tr("Trajectory of sample %1 over t (click a sample above to choose)").arg(sample + 1));
}

void LessonImages::setTimestep(int t) {
  m_t = std::clamp(t, 0, schedule().steps());
  if (reverseShown()) showReverse();
  else showForward();
}

void LessonImages::setDirection(Direction direction) {
  m_direction = direction;
  m_pages->setCurrentIndex(reverseShown() ? 1 : 0);
  if (reverseShown()) {
    if (m_samplingPending && isVisible()) sampleNow();
    showReverse();
  } else {
    showForward();
  }
}

void LessonImages::setPresentationMode(bool on) {
  m_presentation = on;
  PlotStyle style;
  style.presentation = on;
  m_histogram->setStyle(style);
  for (ImageGridView* view : {m_forwardGrid, m_grid[0], m_grid[1], m_x0[0], m_x0[1], m_strip})
    view->setPresentation(on);
}

void LessonImages::showEvent(QShowEvent* event) {
  Lesson::showEvent(event);
  if (m_forwardPending && !m_forwardTracker->isBusy()) submitForward();
  if (m_samplingPending && reverseShown() && !tracker()->isBusy()) sampleNow();
}

// ---- export ---------------------------------------------------------------------------------

namespace {

// The images the lesson shows now: forward x_t (steps) or run A's x_t, with their labels.
struct ShownImages {
  at::Tensor images;
  at::Tensor labels;
  int t = 0;
};

}  // namespace

bool LessonImages::exportParticlesCsv(const QString& path, QString* error) const {
  ShownImages shown;
  if (reverseShown() && m_samples) {
    const Trajectory& traj = m_samples->runs.front();
    const int index = traj.indexNearest(m_t);
    shown.images = traj.x[std::size_t(index)];
    shown.labels = at::full({shown.images.size(0)}, m_samples->label, at::kLong);
    shown.t = traj.t[std::size_t(index)];
  } else if (!reverseShown() && m_forward) {
    shown.t = std::clamp(m_t, 0, m_forward->T);
    shown.images = m_forward->steps[shown.t];
    shown.labels = m_forward->labels;
  } else {
    if (error) *error = tr("No images yet: they are still being computed.");
    return false;
  }
  try {
    writeFileAtomically(path.toStdString(), [&](std::ostream& out) {
      const at::Tensor flat = shown.images.reshape({shown.images.size(0), -1}).contiguous();
      out << "image,label,t";
      for (std::int64_t p = 0; p < flat.size(1); ++p) out << ",p" << p;
      out << '\n';
      for (std::int64_t i = 0; i < flat.size(0); ++i) {
        out << i << ',' << shown.labels[i].item<std::int64_t>() << ',' << shown.t;
        const float* row = flat[i].data_ptr<float>();
        for (std::int64_t p = 0; p < flat.size(1); ++p) out << ',' << row[p];
        out << '\n';
      }
    });
  } catch (const std::exception& e) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, QString::fromStdString(e.what()));
    return false;
  }
  return true;
}

bool LessonImages::saveGridPng(const QString& path, QString* error) const {
  at::Tensor images;
  if (reverseShown() && m_samples) {
    const Trajectory& traj = m_samples->runs.front();
    const int index = traj.indexNearest(m_t);
    images = traj.x0Pred[std::size_t(index)].defined() ? traj.x0Pred[std::size_t(index)] : traj.x[std::size_t(index)];
    if (index == traj.size() - 1) images = traj.final();  // at t = 0: the samples themselves
  } else if (!reverseShown() && m_forward) {
    images = m_forward->steps[std::clamp(m_t, 0, m_forward->T)];
  } else {
    if (error) *error = tr("No images yet: they are still being computed.");
    return false;
  }
  try {
    writeGrayPngGrid(path.toStdString(), images, gridColumns(int(images.size(0))));
  } catch (const std::exception& e) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, QString::fromStdString(e.what()));
    return false;
  }
  return true;
}

}  // namespace ds::ui
