#include "ui/lessons/train/lessontrain.h"

#include "ui/computecontext.h"
#include "ui/jobtracker.h"
#include "ui/lessons/train/traincontrols.h"
#include "ui/lessons/train/traindocument.h"
#include "ui/lessons/train/traindrawing.h"
#include "ui/lessons/train/trainlossview.h"
#include "ui/lessons/train/trainplane.h"
#include "ui/modelstore.h"
#include "ui/widgets/controlsscroll.h"
#include "ui/widgets/shortcuts.h"

#include "core/data/pointset.h"
#include "core/data/toys.h"
#include "core/eval/noisedpoints.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ds::ui {

// The timeline's frames: the forward process of the data and of the live samples, precomputed.
struct TrainPreview {
  quint64 dataGeneration = 0;  // the document's data they were made from
  NoisedPoints data;
  NoisedPoints samples;  // empty without samples
  bool hasSamples = false;
};

namespace {

constexpr double kPlaneHalf = 4.0;                // the drawing square [-4, 4]² (toys have unit RMS spread)
constexpr std::uint64_t kDataNoiseSeed = 4242;    // fixed ε, so scrubbing is repeatable
constexpr std::uint64_t kSampleNoiseSeed = 4243;  // independent of the data's

QString fmt(double v) {
  if (!std::isfinite(v)) return QStringLiteral("–");
  return QString::number(v, 'g', 3);
}

Normalization normalizationOf(const std::vector<double>& shift, double scale) {
  Normalization n;
  n.shift = shift;
  n.scale = scale;
  return n;
}

}  // namespace

LessonTrain::LessonTrain(ComputeContext* context, QWidget* parent)
    : Lesson(context, parent), m_doc(new TrainDocument(this)), m_previews(new JobTracker(context, this)) {
  m_plane = new TrainPlane(this);
  m_plane->setObjectName(QStringLiteral("trainPlane"));
  m_loss = new TrainLossView(this);
  m_loss->setObjectName(QStringLiteral("trainLossView"));
  m_scrub = new ScrubAntialiasing(this);
  m_scrub->addPlot(m_plane->plot());
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(m_plane);
  split->addWidget(m_loss);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(buildControls(m_ui, *m_doc, this));
  layout->addWidget(split, 1);

  QUndoStack* undoStack = m_doc->drawing()->undoStack();
  QAction* undo = undoStack->createUndoAction(this, tr("Undo drawing"));
  undo->setObjectName(QStringLiteral("undoDrawing"));
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = undoStack->createRedoAction(this, tr("Redo drawing"));
  redo->setObjectName(QStringLiteral("redoDrawing"));
  redo->setShortcuts(redoShortcuts());
  for (QAction* a : {undo, redo}) {
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(a);
  }
  auto* save = new QAction(tr("Save checkpoint…"), this);
  connect(save, &QAction::triggered, this, &LessonTrain::chooseSavePath);
  auto* load = new QAction(tr("Load checkpoint…"), this);
  connect(load, &QAction::triggered, this, &LessonTrain::chooseLoadPath);
  m_actions = {undo, redo, save, load};

  connectControls();
  connectDocument();
  // Training progress brings the loss and live samples; the end of the job ends the run.
  connect(tracker(), &JobTracker::progress, this, [this](quint64 id, qint64, qint64) {
    if (id == m_trainJob) takeUpdates();
  });
  connect(tracker(), &JobTracker::cancelled, this, [this](quint64 id) {
    if (id != m_trainJob) return;
    takeUpdates();
    finishRun(RunEnd::Cancelled, QString());
  });
  // The drawing and a model not saved yet are autosaved (ui/autosave.h): mark them changed.
  connect(m_doc->drawing(), &TrainDrawing::changed, this, [this] { Q_EMIT autosaveNeeded(false); });
  connect(m_doc, &TrainDocument::dataChanged, this, [this] { Q_EMIT autosaveNeeded(false); });
  m_loss->reset(5, m_doc->schedule().steps);
  onDataChanged();
  setStatus(tr("Choose a data set (or draw one), then press <b>Train</b>."));
}

LessonTrain::~LessonTrain() {
  // The jobs read the session and post to this lesson: stop them before either goes.
  tracker()->cancelAndWait();
  m_previews->cancelAndWait();
}

void LessonTrain::connectControls() {
  connect(m_ui.dataCombo, &QComboBox::currentIndexChanged, this, [this] {
    const QString key = m_ui.dataCombo->currentData().toString();
    if (key == TrainDocument::kCsv && !m_doc->hasCsvPoints()) QTimer::singleShot(0, this, &LessonTrain::chooseCsvPath);
    m_doc->setDataKey(key);
  });
  connect(m_ui.points, &QSpinBox::valueChanged, m_doc, &TrainDocument::setToyPointCount);
  connect(m_ui.seed, &QSpinBox::valueChanged, this, [this](int s) { m_doc->setSeed(static_cast<std::uint64_t>(s)); });
  connect(m_ui.brushRadius, &QDoubleSpinBox::valueChanged, m_doc, &TrainDocument::setBrushRadius);
  connect(m_ui.brushDensity, &QSpinBox::valueChanged, m_doc, &TrainDocument::setBrushDensity);
  connect(m_plane, &TrainPlane::sprayed, this, [this](double x, double y, int stroke) {
    m_doc->drawing()->spray(QPointF(x, y), m_doc->brushRadius(), m_doc->brushDensity(), stroke);
  });
  connect(m_ui.clear, &QPushButton::clicked, m_doc->drawing(), &TrainDrawing::clear);
  connect(m_ui.loadCsv, &QPushButton::clicked, this, &LessonTrain::chooseCsvPath);
  connect(m_ui.scheduleKind, &QComboBox::currentIndexChanged, this,
          [this] { m_doc->setScheduleKind(static_cast<ScheduleKind>(m_ui.scheduleKind->currentData().toInt())); });
  connect(m_ui.steps, &QSpinBox::valueChanged, m_doc, &TrainDocument::setScheduleSteps);
  connect(m_ui.width, &QSpinBox::valueChanged, m_doc, &TrainDocument::setHidden);
  connect(m_ui.depth, &QSpinBox::valueChanged, m_doc, &TrainDocument::setLayers);
  connect(m_ui.lr, &QDoubleSpinBox::valueChanged, m_doc, &TrainDocument::setLearningRate);
  connect(m_ui.batch, &QSpinBox::valueChanged, m_doc, &TrainDocument::setBatchSize);
  connect(m_ui.iterations, &QSpinBox::valueChanged, this, [this](int n) { m_doc->setIterations(n); });
  connect(m_ui.weighting, &QComboBox::currentIndexChanged, this,
          [this] { m_doc->setVlbWeighting(m_ui.weighting->currentData().toString() == QLatin1String("vlb")); });
  connect(m_ui.train, &QPushButton::clicked, this, &LessonTrain::train);
  connect(m_ui.pause, &QPushButton::clicked, this, &LessonTrain::pause);
  connect(m_ui.resume, &QPushButton::clicked, this, &LessonTrain::resume);
  connect(m_ui.stop, &QPushButton::clicked, this, &LessonTrain::stop);
  connect(m_ui.save, &QPushButton::clicked, this, &LessonTrain::chooseSavePath);
  connect(m_ui.load, &QPushButton::clicked, this, &LessonTrain::chooseLoadPath);
  connect(m_ui.logScale, &QCheckBox::toggled, m_loss, &TrainLossView::setLogScale);
  connect(m_ui.showBands, &QCheckBox::toggled, m_loss, &TrainLossView::setBandsVisible);
}

void LessonTrain::connectDocument() {
  connect(m_doc, &TrainDocument::dataChanged, this, &LessonTrain::onDataChanged);
  connect(m_doc, &TrainDocument::settingsChanged, this, &LessonTrain::showDocument);
  connect(m_doc, &TrainDocument::scheduleChanged, this, [this] {
    showDocument();
    if (m_session) return;  // the timeline follows the trained model's schedule
    Q_EMIT scheduleChanged();
    submitPreview();
  });
}

// The controls follow the document (after a checkpoint load, or an edit made elsewhere).
void LessonTrain::showDocument() {
  const QSignalBlocker b1(m_ui.scheduleKind), b2(m_ui.steps), b3(m_ui.width), b4(m_ui.depth), b5(m_ui.lr),
      b6(m_ui.batch), b7(m_ui.seed), b8(m_ui.weighting), b9(m_ui.dataCombo), b10(m_ui.iterations), b11(m_ui.points),
      b12(m_ui.brushRadius), b13(m_ui.brushDensity);
  m_ui.scheduleKind->setCurrentIndex(m_ui.scheduleKind->findData(static_cast<int>(m_doc->schedule().kind)));
  m_ui.steps->setValue(m_doc->schedule().steps);
  m_ui.width->setValue(m_doc->hidden());
  m_ui.depth->setValue(m_doc->layers());
  m_ui.lr->setValue(m_doc->learningRate());
  m_ui.batch->setValue(m_doc->batchSize());
  m_ui.iterations->setValue(static_cast<int>(std::min<qint64>(m_doc->iterations(), m_ui.iterations->maximum())));
  m_ui.seed->setValue(static_cast<int>(std::min<std::uint64_t>(m_doc->seed(), 999999)));
  m_ui.weighting->setCurrentIndex(m_doc->vlbWeighting() ? 1 : 0);
  m_ui.dataCombo->setCurrentIndex(m_ui.dataCombo->findData(m_doc->dataKey()));
  m_ui.points->setValue(m_doc->toyPointCount());
  m_ui.brushRadius->setValue(m_doc->brushRadius());
  m_ui.brushDensity->setValue(m_doc->brushDensity());
  m_plane->setBrush(m_doc->dataKey() == TrainDocument::kDrawn, m_doc->brushRadius());
}

bool LessonTrain::selectData(const QString& key) { return m_doc->setDataKey(key); }

void LessonTrain::onDataChanged() {
  ++m_dataGeneration;
  const bool drawn = m_doc->dataKey() == TrainDocument::kDrawn;
  const bool csv = m_doc->dataKey() == TrainDocument::kCsv;
  showDocument();
  m_ui.points->setEnabled(!drawn && !csv);
  for (QWidget* w : {static_cast<QWidget*>(m_ui.brushRadius), static_cast<QWidget*>(m_ui.brushDensity),
                     static_cast<QWidget*>(m_ui.clear)})
    w->setEnabled(drawn);
  m_plane->setDimension(m_doc->dim());
  const qint64 n = m_doc->pointCount();
  QString info = tr("%n point(s), %1-D", nullptr, static_cast<int>(n)).arg(m_doc->dim());
  if (drawn) info += tr(" · press or drag on the plane to spray points");
  if (drawn && n < TrainDocument::kMinPoints)
    info += tr(" · at least %1 needed to train").arg(TrainDocument::kMinPoints);
  if (!m_doc->shift().empty() && m_doc->scale() != 1.0)
    info += tr(" · trained centred, scaled by 1/%1").arg(fmt(m_doc->scale()));
  m_ui.dataInfo->setText(info);
  updateRange();
  refreshView();
  submitPreview();
  updateButtons();
}

void LessonTrain::updateRange() {
  // Toys and drawings: the fixed square [-4, 4] (toys have unit spread; x_T ~ N(0, I) fits too).
  // CSV points: their bounds, widened to hold x_T ~ N(shift, scale² I).
  double lo = 1e300, hi = -1e300;
  for (float v : m_doc->data()) {
    lo = std::min<double>(lo, v);
    hi = std::max<double>(hi, v);
  }
  const std::vector<double>& shift = m_doc->shift();
  if (m_doc->dataKey() != TrainDocument::kCsv || m_doc->data().empty()) {
    lo = std::min(lo, -kPlaneHalf);
    hi = std::max(hi, kPlaneHalf);
  } else {
    const double c = shift.empty() ? 0.0 : *std::max_element(shift.begin(), shift.end());
    const double c0 = shift.empty() ? 0.0 : *std::min_element(shift.begin(), shift.end());
    lo = std::min(lo, c0 - 3.5 * m_doc->scale());
    hi = std::max(hi, c + 3.5 * m_doc->scale());
    const double pad = 0.05 * (hi - lo);
    lo -= pad;
    hi += pad;
  }
  m_plane->setRange(lo, hi);
}

// The forward-process frames of the data and of the live samples, as a job (it draws the noise
// and reads the schedule); refreshView() then only indexes them.
void LessonTrain::submitPreview() {
  NoiseSchedule s;
  try {
    s = schedule();
  } catch (const std::exception&) {
    return;  // an invalid schedule spec: the controls say so when Train is pressed
  }
  const quint64 generation = m_dataGeneration;
  std::vector<float> data = m_doc->data();
  const int dim = m_doc->dim();
  const Normalization dataNorm = normalizationOf(m_doc->shift(), m_doc->scale());
  std::vector<float> samples = m_samplesDim == dim ? m_samples : std::vector<float>();
  const Normalization sampleNorm =
      m_session ? normalizationOf(m_session->setup().shift, m_session->setup().scale) : Normalization();
  m_previews->submit<TrainPreview>(
      tr("Noising the points"),
      [s, generation, data = std::move(data), samples = std::move(samples), dim, dataNorm, sampleNorm](
          const ProgressFn&, const CancelToken&) {
        TrainPreview p;
        p.dataGeneration = generation;
        if (!data.empty()) p.data = NoisedPoints(s, data, dim, dataNorm, kDataNoiseSeed);
        p.hasSamples = !samples.empty();
        if (p.hasSamples) p.samples = NoisedPoints(s, samples, dim, sampleNorm, kSampleNoiseSeed);
        return p;
      },
      [this](std::shared_ptr<const TrainPreview> preview) {
        m_preview = std::move(preview);
        refreshView();
        Q_EMIT previewUpdated();
      });
}

// Data and samples at the timeline's t: a lookup into the precomputed frames (until they arrive
// after a change, the points are shown as they are).
void LessonTrain::refreshView() {
  const int t = std::max(0, m_t);
  const bool fresh = m_preview && m_preview->dataGeneration == m_dataGeneration;
  const bool noised = t > 0 && fresh && m_preview->data.count() > 0;
  m_plane->setData(noised ? m_preview->data.frame(t) : m_doc->data(),
                   t == 0 ? tr("data x₀ (%1)").arg(m_doc->dataTitle()) : tr("data noised to xₜ"));
  std::vector<float> samples;
  if (!m_samples.empty() && m_samplesDim == m_doc->dim()) {
    const bool samplesNoised =
        t > 0 && fresh && m_preview->hasSamples && m_preview->samples.count() * m_samplesDim == m_samples.size();
    samples = samplesNoised ? m_preview->samples.frame(t) : m_samples;
  }
  m_plane->setSamples(samples, t == 0 ? tr("model samples (step %1)").arg(m_samplesStep) : tr("samples noised to xₜ"));
  m_plane->setTitle(t == 0 ? tr("Data q(x₀) and samples of the learned model")
                           : tr("t = %1: data and samples, noised to xₜ").arg(t));
}

void LessonTrain::train() {
  if (!m_machine.canStartFresh()) return;
  if (!m_doc->isTrainable()) {
    showError(tr("Train"), tr("The data set has %1 points; at least %2 are needed. Spray some on the plane or "
                              "choose a toy data set.")
                               .arg(m_doc->pointCount())
                               .arg(TrainDocument::kMinPoints));
    return;
  }
  TrainSetup setup = m_doc->snapshot();
  try {
    const NoiseSchedule check(setup.schedule);
  } catch (const std::exception& e) {
    showError(tr("Train"), QString::fromUtf8(e.what()));
    return;
  }
  m_session = std::make_shared<TrainSession>(std::move(setup));
  m_step = 0;
  m_savedStep = -1;
  m_samples.clear();
  m_ui.metric->setText(tr("SW₂: –"));
  m_loss->reset(m_session->setup().lossBands, m_session->setup().schedule.steps);
  m_loss->setWeightingLabel(m_session->setup().vlbWeighting ? tr("VLB-weighted ε-MSE") : tr("L_simple"));
  Q_EMIT scheduleChanged();
  m_runTarget = m_session->setup().iterations;
  m_machine.start();
  submitRun(m_runTarget);
}

void LessonTrain::pause() {
  if (!m_machine.requestPause()) return;
  tracker()->cancel();
  setStatus(tr("Pausing…"));
  updateButtons();
  Q_EMIT stateChanged();
}

void LessonTrain::resume() {
  if (!m_session || !m_session->canTrain() || !m_machine.canResume()) return;
  qint64 remaining = m_runTarget - m_step;
  if (m_machine.state() != TrainState::Paused || remaining <= 0) {
    remaining = m_doc->iterations();
    m_runTarget = m_step + remaining;
  }
  m_machine.start();
  submitRun(remaining);
}

void LessonTrain::stop() {
  const bool paused = m_machine.state() == TrainState::Paused;
  if (!m_machine.requestStop()) return;
  if (paused) {
    showRunOutcome(QString());
    return;
  }
  tracker()->cancel();
  setStatus(tr("Stopping…"));
  updateButtons();
  Q_EMIT stateChanged();
}

void LessonTrain::submitRun(qint64 steps) {
  std::shared_ptr<TrainSession> session = m_session;
  session->takeUpdate();  // drop anything stale
  const c10::Device device = computeContext() ? computeContext()->device() : c10::Device(c10::kCPU);
  m_trainJob = tracker()->submit<TrainRunReport>(
      steps > 0 ? tr("Training") : tr("Sampling the loaded model"),
      [session, steps, device](const ProgressFn& progress, const CancelToken& cancel) {
        return session->runJob(steps, device, progress, cancel);
      },
      [this](std::shared_ptr<const TrainRunReport> report) {
        takeUpdates();
        finishRun(report->end, report->message);
      },
      [this](const QString& message) {
        takeUpdates();
        showError(tr("Training"), tr("Training failed: %1").arg(message));
        finishRun(RunEnd::Failed, message);
      });
  if (steps > 0) setStatus(tr("Training %1 steps…").arg(steps));
  updateButtons();
  Q_EMIT stateChanged();
}

// What the training job posted since the last call: loss points, the step, live samples.
void LessonTrain::takeUpdates() {
  if (!m_session) return;
  TrainUpdate u = m_session->takeUpdate();
  if (!u.loss.empty()) m_loss->append(u.loss);
  m_step = std::max<qint64>(m_step, u.step);
  if (m_machine.isBusy()) {
    m_ui.progress->setText(tr("Step %1 of %2 · loss %3").arg(m_step).arg(m_runTarget).arg(fmt(u.lastLoss)));
    Q_EMIT backgroundStatus(tr("Training: step %1 of %2 · loss %3").arg(m_step).arg(m_runTarget).arg(fmt(u.lastLoss)));
  }
  if (!u.hasSamples) return;
  m_samples = std::move(u.samples);
  m_samplesDim = m_session->setup().dim;
  m_samplesStep = u.samplesStep;
  QString metric = tr("SW₂ to data: <b>%1</b>").arg(fmt(u.slicedW2));
  if (std::isfinite(u.floorW2)) metric += tr(" (floor %1)").arg(fmt(u.floorW2));
  m_ui.metric->setText(metric);
  refreshView();
  submitPreview();
  publishModel(u);
  Q_EMIT samplesUpdated();
  Q_EMIT autosaveNeeded(false);  // a new model snapshot
}

void LessonTrain::finishRun(RunEnd end, const QString& message) {
  if (!m_machine.runEnded(end)) {
    updateButtons();
    return;
  }
  showRunOutcome(message);
  Q_EMIT autosaveNeeded(true);  // the run's model, at once
}

// The status line, the buttons and the status bar after a state change.
void LessonTrain::showRunOutcome(const QString& message) {
  if (m_machine.state() == TrainState::Paused) {
    setStatus(
        tr("Paused at step %1 (of %2). Resume continues with the same optimiser state.").arg(m_step).arg(m_runTarget));
  } else {
    switch (m_machine.outcome()) {
      case TrainOutcome::Completed:
        setStatus(
            tr("Done: %1 steps. Resume trains %2 more; Save keeps the model.").arg(m_step).arg(m_doc->iterations()));
        break;
      case TrainOutcome::Stopped:
        setStatus(tr("Stopped at step %1. The model is final: save it, or press Train for a fresh one.").arg(m_step));
        break;
      case TrainOutcome::Diverged:
        showError(tr("Training diverged"),
                  tr("Training diverged at step %1: %2\nThe last good weights are kept. Try a smaller learning "
                     "rate or L_simple weighting.")
                      .arg(m_step)
                      .arg(message));
        break;
      case TrainOutcome::Failed:
      case TrainOutcome::Loaded:
      case TrainOutcome::None:
        break;
    }
  }
  if (!m_machine.isBusy()) Q_EMIT backgroundStatus(QString());
  updateButtons();
  Q_EMIT stateChanged();
}

void LessonTrain::publishModel(const TrainUpdate& u) {
  if (!u.model) return;
  const TrainSetup& s = m_session->setup();
  LearnedModel m;
  m.model = u.model;
  m.schedule = s.schedule;
  m.dim = s.dim;
  m.dataSource = s.dataSource;
  m.dataName = s.dataName;
  m.description = tr("MLP %1×%2 on %3, %4 steps").arg(s.layers).arg(s.hidden).arg(s.dataTitle).arg(u.samplesStep);
  m.shift = s.shift;
  m.scale = s.scale;
  m.trainingSteps = u.samplesStep;
  m.loss = u.lastLoss;
  m.slicedW2 = u.slicedW2;
  ModelStore::instance()->publish(std::move(m));
}

void LessonTrain::updateButtons() {
  const TrainState state = m_machine.state();
  const bool busy = m_machine.isBusy();
  const bool trainable = m_session && m_session->canTrain();
  m_ui.train->setEnabled(m_machine.canStartFresh() && m_doc->isTrainable());
  m_ui.pause->setEnabled(m_machine.canPause());
  m_ui.stop->setEnabled(m_machine.canStop() && state != TrainState::Stopping);
  m_ui.resume->setEnabled(trainable && m_machine.canResume());
  m_ui.save->setEnabled(m_session && m_session->hasModel());
  m_ui.load->setEnabled(!busy);
  for (QWidget* w : m_ui.setupWidgets) w->setEnabled(!busy && state != TrainState::Paused);
}

NoiseSchedule LessonTrain::schedule() const {
  if (m_session) return NoiseSchedule(m_session->setup().schedule);
  return NoiseSchedule(m_doc->schedule());
}

void LessonTrain::setTimestep(int t) {
  m_t = std::clamp(t, 0, schedule().steps());
  m_scrub->noteFrame();
  refreshView();
}

void LessonTrain::setDirection(Direction) {
  // Both directions show the same thing here: q(x_t) of the data and of the model's samples.
}

void LessonTrain::setPresentationMode(bool on) {
  m_style.presentation = on;
  m_plane->setStyle(m_style);
  m_loss->setStyle(m_style);
}

bool LessonTrain::exportParticlesCsv(const QString& path, QString* error) const {
  if (m_samples.empty()) {
    if (error) *error = tr("No samples yet: train a model (or load a checkpoint) first.");
    return false;
  }
  try {
    writePointsCsv(path.toStdString(), fromInterleaved(m_samples, m_samplesDim));
  } catch (const std::exception& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
  return true;
}

QList<QAction*> LessonTrain::lessonActions() { return m_actions; }

bool LessonTrain::saveCheckpoint(const QString& path) {
  if (!m_session || !m_session->hasModel()) {
    showError(tr("Save checkpoint"), tr("There is no model yet: train one first."));
    return false;
  }
  try {
    m_session->save(path);  // atomic: core's temp file + rename
  } catch (const std::exception& e) {
    showError(tr("Save checkpoint"), tr("Could not save the checkpoint: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
  setStatus(tr("Saved the model at step %1 to %2.").arg(m_session->step()).arg(QFileInfo(path).fileName()));
  m_savedStep = m_session->step();
  Q_EMIT autosaveNeeded(true);  // the autosaved copy is no longer needed
  return true;
}

bool LessonTrain::loadCheckpoint(const QString& path) {
  if (m_machine.isBusy()) {
    showError(tr("Load checkpoint"), tr("Pause or stop training before loading a checkpoint."));
    return false;
  }
  std::unique_ptr<TrainSession> loaded;
  try {
    loaded = TrainSession::fromCheckpoint(path, m_doc->snapshot());
  } catch (const std::exception& e) {
    // Nothing else changes: the current model, data and controls stay as they are.
    showError(tr("Load checkpoint"), tr("Could not load the checkpoint: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
  if (loaded->setup().dim != 1 && loaded->setup().dim != 2) {
    showError(tr("Load checkpoint"),
              tr("This lesson shows 1-D and 2-D models; the checkpoint is %1-D.").arg(loaded->setup().dim));
    return false;
  }
  m_session = std::move(loaded);
  const TrainSetup& s = m_session->setup();
  m_doc->applySettings(s);
  m_step = m_session->step();
  m_runTarget = m_step;
  m_savedStep = m_step;  // it is in a file
  Q_EMIT autosaveNeeded(true);
  m_samples.clear();
  m_loss->reset(s.lossBands, s.schedule.steps);
  m_loss->setWeightingLabel(s.vlbWeighting ? tr("VLB-weighted ε-MSE") : tr("L_simple"));
  m_loss->append(m_session->loadedLossCurve());
  Q_EMIT scheduleChanged();
  m_machine.loaded();
  setStatus(tr("Loaded %1: MLP %2×%3 trained %4 steps on %5. %6")
                .arg(m_session->loadedFrom())
                .arg(s.layers)
                .arg(s.hidden)
                .arg(m_step)
                .arg(s.dataTitle.isEmpty() ? tr("unknown data") : s.dataTitle)
                .arg(m_session->canTrain()
                         ? tr("Resume trains it further.")
                         : tr("Its data is not available here, so it can be sampled but not trained further.")));
  submitRun(0);  // draw live samples (and publish the model)
  Q_EMIT stateChanged();
  return true;
}

bool LessonTrain::loadPointsCsv(const QString& path) {
  PointSet set;
  try {
    set = readPointsCsv(path.toStdString());  // core's one point-set format (also the old i,x,y exports)
  } catch (const std::exception& e) {
    showError(tr("Load points"), QString::fromUtf8(e.what()));
    return false;
  }
  m_doc->setCsvPoints(toInterleaved(set.points), set.dim(), QFileInfo(path).fileName());
  return true;
}

void LessonTrain::chooseCsvPath() {
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Load points"), QString(), tr("CSV point sets (*.csv);;All files (*)"));
  if (!path.isEmpty()) loadPointsCsv(path);
}

void LessonTrain::chooseSavePath() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Save checkpoint"), QStringLiteral("model.ckpt"),
                                                    tr("Checkpoints (*.ckpt);;All files (*)"));
  if (!path.isEmpty()) saveCheckpoint(path);
}

void LessonTrain::chooseLoadPath() {
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Load checkpoint"), QString(), tr("Checkpoints (*.ckpt);;All files (*)"));
  if (!path.isEmpty()) loadCheckpoint(path);
}

void LessonTrain::showError(const QString& title, const QString& text) {
  setStatus(QStringLiteral("<span style='color:#b00000'>%1</span>").arg(text.toHtmlEscaped().replace('\n', "<br>")));
  Q_EMIT statusMessage(text);
  Q_EMIT errorShown(text);
  if (!m_errorDialogs) return;
  // Window-modal but not blocking: no nested event loop while training jobs report back.
  auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
}

void LessonTrain::setStatus(const QString& html) { m_ui.status->setText(html); }

}  // namespace ds::ui
