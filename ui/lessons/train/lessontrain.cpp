#include "ui/lessons/lessontrain.h"

#include "core/data/toys.h"
#include "ui/jobrunner.h"
#include "ui/lessons/controlsscroll.h"
#include "ui/lessons/traindrawing.h"
#include "ui/lessons/trainlossview.h"
#include "ui/lessons/trainplane.h"
#include "ui/modelstore.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ds::ui {

namespace {

const QString kDrawn = QStringLiteral("drawn");
const QString kCsv = QStringLiteral("csv");
constexpr int kMinPoints = 10;
constexpr double kPlaneHalf = 4.0;  // the drawing square [-4, 4]² (toys have unit RMS spread)

QString fmt(double v) {
  if (!std::isfinite(v)) return QStringLiteral("–");
  return QString::number(v, 'g', 3);
}

}  // namespace

LessonTrain::LessonTrain(JobRunner* runner, QWidget* parent, JobRunner* trainingRunner)
    : Lesson(runner, parent), m_runner(trainingRunner ? trainingRunner : runner), m_drawing(new TrainDrawing(this)) {
  m_poll = new QTimer(this);
  m_poll->setInterval(100);
  connect(m_poll, &QTimer::timeout, this, &LessonTrain::poll);

  m_plane = new TrainPlane(this);
  m_loss = new TrainLossView(this);
  m_scrub = new ScrubAntialiasing(this);
  m_scrub->addPlot(m_plane->plot());
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(m_plane);
  split->addWidget(m_loss);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(buildControls());
  layout->addWidget(split, 1);

  m_undo = m_drawing->undoStack()->createUndoAction(this, tr("Undo drawing"));
  m_undo->setShortcut(QKeySequence::Undo);
  m_redo = m_drawing->undoStack()->createRedoAction(this, tr("Redo drawing"));
  m_redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
  for (QAction* a : {m_undo, m_redo}) {
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(a);
  }
  auto* save = new QAction(tr("Save checkpoint…"), this);
  connect(save, &QAction::triggered, this, &LessonTrain::chooseSavePath);
  auto* load = new QAction(tr("Load checkpoint…"), this);
  connect(load, &QAction::triggered, this, &LessonTrain::chooseLoadPath);
  m_actions = {m_undo, m_redo, save, load};

  connectControls();
  connect(m_runner, &JobRunner::finished, this, &LessonTrain::onJobEnded);
  connect(m_runner, &JobRunner::cancelled, this, &LessonTrain::onJobEnded);
  connect(m_runner, &JobRunner::failed, this, &LessonTrain::onJobEnded);
  m_loss->reset(5, m_steps->value());
  refreshData();
  setPhase(Phase::Idle);
  setStatus(tr("Choose a data set (or draw one), then press <b>Train</b>."));
}

LessonTrain::~LessonTrain() = default;

QWidget* LessonTrain::buildControls() {
  auto* panel = new QWidget;
  auto* layout = new QVBoxLayout(panel);
  layout->setContentsMargins(0, 0, 4, 0);
  layout->addWidget(buildDataBox(panel));
  layout->addWidget(buildModelBox(panel));
  layout->addWidget(buildTrainBox(panel));
  m_status = new QLabel(panel);
  m_status->setWordWrap(true);
  m_status->setTextFormat(Qt::RichText);
  layout->addWidget(m_status);
  layout->addStretch(1);

  // As wide as the controls need (presentation fonts widen it), scrolling vertically.
  return new ControlsScrollArea(panel, this);
}

QWidget* LessonTrain::buildDataBox(QWidget* parent) {
  auto* box = new QGroupBox(tr("Data q(x₀)"), parent);
  m_dataCombo = new QComboBox(box);
  for (const ToyInfo& toy : toyRegistry())
    m_dataCombo->addItem(QString::fromStdString(toy.title), QString::fromStdString(toy.name));
  m_dataCombo->addItem(tr("Draw with the spray brush"), kDrawn);
  m_dataCombo->addItem(tr("Points from a CSV file"), kCsv);
  for (int i = 0; i < static_cast<int>(toyRegistry().size()); ++i)
    m_dataCombo->setItemData(i, QString::fromStdString(toyRegistry()[static_cast<size_t>(i)].description),
                             Qt::ToolTipRole);
  m_dataCombo->setToolTip(tr("The data distribution q(x₀) the network learns to sample from: a toy set, "
                             "points you spray on the plane, or a CSV file with columns x,y (or x)."));
  m_points = new QSpinBox(box);
  m_points->setRange(200, 20000);
  m_points->setSingleStep(500);
  m_points->setValue(4000);
  m_points->setKeyboardTracking(false);
  m_points->setToolTip(tr("How many points x₀ of the toy set the network trains on."));
  m_brushRadius = new QDoubleSpinBox(box);
  m_brushRadius->setRange(0.02, 2.0);
  m_brushRadius->setSingleStep(0.05);
  m_brushRadius->setValue(0.3);
  m_brushRadius->setToolTip(tr("Spray brush radius (plane units): each dab drops points uniformly in this disc."));
  m_brushDensity = new QSpinBox(box);
  m_brushDensity->setRange(1, 100);
  m_brushDensity->setValue(8);
  m_brushDensity->setToolTip(tr("Points per dab: press or drag on the plane to spray. Ctrl+Z undoes a whole "
                                "stroke, Ctrl+Shift+Z redoes it."));
  m_clear = new QPushButton(tr("Clear"), box);
  m_clear->setToolTip(tr("Remove every drawn point (undoable with Ctrl+Z)."));
  m_loadCsv = new QPushButton(tr("Load CSV…"), box);
  m_loadCsv->setToolTip(tr("Read points from a CSV file with the header x,y (2-D) or x (1-D). The model trains "
                           "on them centred and scaled to unit spread; samples are shown in your units."));
  m_dataInfo = new QLabel(box);
  m_dataInfo->setWordWrap(true);

  auto* brushRow = new QHBoxLayout;
  brushRow->addWidget(new QLabel(tr("r"), box));
  brushRow->addWidget(m_brushRadius);
  brushRow->addWidget(new QLabel(tr("n"), box));
  brushRow->addWidget(m_brushDensity);
  brushRow->addWidget(m_clear);
  auto* form = new QFormLayout(box);
  form->addRow(m_dataCombo);
  form->addRow(tr("Points"), m_points);
  form->addRow(tr("Brush"), brushRow);
  form->addRow(m_loadCsv);
  form->addRow(m_dataInfo);
  return box;
}

QWidget* LessonTrain::buildModelBox(QWidget* parent) {
  auto* box = new QGroupBox(tr("Process and network ε_θ"), parent);
  m_scheduleKind = new QComboBox(box);
  for (const auto& name : scheduleKindNames()) m_scheduleKind->addItem(QString::fromStdString(name));
  m_scheduleKind->setToolTip(tr("Variance schedule β₁…β_T of the forward process q(xₜ | xₜ₋₁): linear (Ho et al. "
                                "2020), cosine (Nichol & Dhariwal 2021), …"));
  m_steps = new QSpinBox(box);
  m_steps->setRange(10, 4000);
  m_steps->setSingleStep(100);
  m_steps->setValue(1000);
  m_steps->setKeyboardTracking(false);
  m_steps->setToolTip(tr("T: the number of noising steps. The network sees t ∈ 1…T through a sinusoidal embedding."));
  m_width = new QSpinBox(box);
  m_width->setRange(8, 1024);
  m_width->setSingleStep(32);
  m_width->setValue(128);
  m_width->setToolTip(tr("Width H of each hidden layer of the MLP ε_θ(xₜ, t) (SiLU activations)."));
  m_depth = new QSpinBox(box);
  m_depth->setRange(1, 8);
  m_depth->setValue(3);
  m_depth->setToolTip(tr("Depth L: number of hidden Linear+SiLU layers."));
  auto* form = new QFormLayout(box);
  form->addRow(tr("Schedule"), m_scheduleKind);
  form->addRow(tr("Steps T"), m_steps);
  form->addRow(tr("Width H"), m_width);
  form->addRow(tr("Depth L"), m_depth);
  m_setupWidgets << m_scheduleKind << m_steps << m_width << m_depth;
  return box;
}

QWidget* LessonTrain::buildTrainBox(QWidget* parent) {
  auto* box = new QGroupBox(tr("Training"), parent);
  m_lr = new QDoubleSpinBox(box);
  m_lr->setDecimals(5);
  m_lr->setRange(1e-5, 0.1);
  m_lr->setSingleStep(5e-4);
  m_lr->setValue(3e-3);
  m_lr->setToolTip(tr("Adam learning rate (gradient norm clipped to 1; the samples come from an EMA of the weights)."));
  m_batch = new QSpinBox(box);
  m_batch->setRange(8, 8192);
  m_batch->setSingleStep(64);
  m_batch->setValue(256);
  m_batch->setToolTip(tr("Batch size: data points x₀ per step, each with a random t ∈ 1…T and ε ~ N(0, I)."));
  m_iterations = new QSpinBox(box);
  m_iterations->setRange(10, 1000000);
  m_iterations->setSingleStep(500);
  m_iterations->setValue(3000);
  m_iterations->setToolTip(tr("Optimisation steps of one run (Resume after a completed run trains this many more)."));
  m_seed = new QSpinBox(box);
  m_seed->setRange(0, 999999);
  m_seed->setToolTip(tr("Seed of the initial weights, the batches, t and ε: the same seed gives the same run."));
  m_weighting = new QComboBox(box);
  m_weighting->addItem(tr("L_simple"), QStringLiteral("simple"));
  m_weighting->addItem(tr("VLB-weighted"), QStringLiteral("vlb"));
  m_weighting->setToolTip(tr("L_simple = E‖ε − ε_θ(xₜ, t)‖² weights every t alike (Ho et al. 2020, eq. 14). "
                             "VLB weights each t by its KL term's coefficient β_t² / (2σ_t² α_t (1−ᾱ_t)) "
                             "(eq. 12): the true bound, dominated by small t."));
  m_setupWidgets << m_lr << m_batch << m_iterations << m_seed << m_weighting;

  m_train = new QPushButton(tr("Train"), box);
  m_train->setToolTip(tr("Start training a fresh network (new weights from the seed) on the chosen data."));
  m_pause = new QPushButton(tr("Pause"), box);
  m_pause->setToolTip(tr("Pause training; weights, Adam moments, EMA and step count are kept."));
  m_resume = new QPushButton(tr("Resume"), box);
  m_resume->setToolTip(tr("Continue training the current network where it stopped (same step count, optimiser "
                          "state and EMA). After a completed run: train another run of the set iterations."));
  m_stop = new QPushButton(tr("Stop"), box);
  m_stop->setToolTip(tr("End training: the current EMA model becomes final (save it as a checkpoint)."));
  m_save = new QPushButton(tr("Save checkpoint…"), box);
  m_save->setToolTip(tr("Write the model (EMA weights), the optimiser state, schedule, data description and "
                        "loss curve to a checkpoint file (.ckpt) that diffusion-cli sample --model can read."));
  m_load = new QPushButton(tr("Load checkpoint…"), box);
  m_load->setToolTip(tr("Read a checkpoint: its model becomes the current one (a corrupt or mismatched file is "
                        "reported and changes nothing)."));
  auto* buttons = new QGridLayout;
  buttons->addWidget(m_train, 0, 0);
  buttons->addWidget(m_pause, 0, 1);
  buttons->addWidget(m_resume, 1, 0);
  buttons->addWidget(m_stop, 1, 1);
  buttons->addWidget(m_save, 2, 0);
  buttons->addWidget(m_load, 2, 1);

  m_progress = new QLabel(box);
  m_progress->setWordWrap(true);
  m_progress->setToolTip(tr("Optimisation step and the mean training loss since the last report."));
  m_metric = new QLabel(tr("SW₂: –"), box);
  m_metric->setWordWrap(true);
  m_metric->setToolTip(tr("Sliced Wasserstein-2 distance between the live samples and the data (normalised units; "
                          "0 = same distribution). The floor is the distance between two halves of the data: "
                          "what a perfect model would score with this many points."));
  m_logScale = new QCheckBox(tr("Log-scale loss"), box);
  m_logScale->setChecked(true);
  m_logScale->setToolTip(tr("Show the loss axis logarithmically: late improvements stay visible."));
  m_showBands = new QCheckBox(tr("Loss per band of t"), box);
  m_showBands->setChecked(true);
  m_showBands->setToolTip(tr("The unweighted ε-MSE in five bands of t. Small t (little noise) is the hardest: "
                             "ε is a tiny part of xₜ; large t is easy: xₜ ≈ ε."));

  auto* form = new QFormLayout(box);
  form->addRow(tr("Learning rate"), m_lr);
  form->addRow(tr("Batch"), m_batch);
  form->addRow(tr("Iterations"), m_iterations);
  form->addRow(tr("Seed"), m_seed);
  form->addRow(tr("Loss"), m_weighting);
  form->addRow(buttons);
  form->addRow(m_progress);
  form->addRow(m_metric);
  auto* checks = new QHBoxLayout;
  checks->addWidget(m_logScale);
  checks->addWidget(m_showBands);
  form->addRow(checks);
  return box;
}

void LessonTrain::connectControls() {
  connect(m_dataCombo, &QComboBox::currentIndexChanged, this, [this] {
    if (dataKey() == kCsv && m_csv.empty()) QTimer::singleShot(0, this, &LessonTrain::chooseCsvPath);
    refreshData();
  });
  connect(m_points, &QSpinBox::valueChanged, this, &LessonTrain::refreshData);
  connect(m_seed, &QSpinBox::valueChanged, this, [this] {
    if (dataKey() != kDrawn && dataKey() != kCsv) refreshData();
  });
  connect(m_drawing, &TrainDrawing::changed, this, [this] {
    if (dataKey() == kDrawn) refreshData();
  });
  connect(m_plane, &TrainPlane::sprayed, this, [this](double x, double y, int stroke) {
    m_drawing->spray(QPointF(x, y), m_brushRadius->value(), m_brushDensity->value(), stroke);
  });
  connect(m_brushRadius, &QDoubleSpinBox::valueChanged, this,
          [this](double r) { m_plane->setBrush(dataKey() == kDrawn, r); });
  connect(m_clear, &QPushButton::clicked, m_drawing, &TrainDrawing::clear);
  connect(m_loadCsv, &QPushButton::clicked, this, &LessonTrain::chooseCsvPath);
  for (QSpinBox* box : {m_steps})
    connect(box, &QSpinBox::valueChanged, this, [this] {
      if (!m_session) Q_EMIT scheduleChanged();
    });
  connect(m_scheduleKind, &QComboBox::currentIndexChanged, this, [this] {
    if (!m_session) Q_EMIT scheduleChanged();
  });
  connect(m_train, &QPushButton::clicked, this, &LessonTrain::train);
  connect(m_pause, &QPushButton::clicked, this, &LessonTrain::pause);
  connect(m_resume, &QPushButton::clicked, this, &LessonTrain::resume);
  connect(m_stop, &QPushButton::clicked, this, &LessonTrain::stop);
  connect(m_save, &QPushButton::clicked, this, &LessonTrain::chooseSavePath);
  connect(m_load, &QPushButton::clicked, this, &LessonTrain::chooseLoadPath);
  connect(m_logScale, &QCheckBox::toggled, m_loss, &TrainLossView::setLogScale);
  connect(m_showBands, &QCheckBox::toggled, m_loss, &TrainLossView::setBandsVisible);
}

QString LessonTrain::dataKey() const { return m_dataCombo->currentData().toString(); }

bool LessonTrain::selectData(const QString& key) {
  const int i = m_dataCombo->findData(key);
  if (i < 0) return false;
  m_dataCombo->setCurrentIndex(i);
  return true;
}

// The data set of the controls: toy points, the drawing or the CSV file, and its normalisation.
void LessonTrain::refreshData() {
  const QString key = dataKey();
  const bool drawn = key == kDrawn, csv = key == kCsv;
  m_points->setEnabled(!drawn && !csv);
  for (QWidget* w : {static_cast<QWidget*>(m_brushRadius), static_cast<QWidget*>(m_brushDensity),
                     static_cast<QWidget*>(m_clear)})
    w->setEnabled(drawn);
  m_shift.clear();
  m_scale = 1.0;
  if (drawn) {
    m_dataDim = 2;
    m_data.clear();
    for (const QPointF& p : m_drawing->points()) {
      m_data.push_back(static_cast<float>(p.x()));
      m_data.push_back(static_cast<float>(p.y()));
    }
    m_dataTitle = tr("drawn points");
  } else if (csv) {
    m_dataDim = m_csvDim > 0 ? m_csvDim : 2;
    m_data = m_csv;
    m_dataTitle = m_csvName.isEmpty() ? tr("CSV points") : m_csvName;
  } else {
    try {
      m_data = toyPoints(key, m_points->value(), static_cast<std::uint64_t>(m_seed->value()), &m_dataDim);
    } catch (const std::exception& e) {
      m_data.clear();
      showError(tr("Data set"), QString::fromUtf8(e.what()));
    }
    m_dataTitle = m_dataCombo->currentText();
  }
  const qint64 n = static_cast<qint64>(m_data.size()) / std::max(1, m_dataDim);
  if ((drawn || csv) && n >= 2) fitPointsNormalization(m_data, m_dataDim, &m_shift, &m_scale);
  if (m_noise.size() < m_data.size()) m_noise = standardNormal(std::max<size_t>(m_data.size(), 8192) * 2, 4242);
  m_plane->setDimension(m_dataDim);
  m_plane->setBrush(drawn, m_brushRadius->value());

  QString info = tr("%n point(s), %1-D", nullptr, static_cast<int>(n)).arg(m_dataDim);
  if (drawn) info += tr(" · press or drag on the plane to spray points");
  if (drawn && n < kMinPoints) info += tr(" · at least %1 needed to train").arg(kMinPoints);
  if (!m_shift.empty() && m_scale != 1.0) info += tr(" · trained centred, scaled by 1/%1").arg(fmt(m_scale));
  m_dataInfo->setText(info);
  updateRange();
  refreshView();
  updateButtons();
}

void LessonTrain::updateRange() {
  // Toys and drawings: the fixed square [-4, 4] (toys have unit spread; x_T ~ N(0, I) fits too).
  // CSV points: their bounds, widened to hold x_T ~ N(shift, scale² I).
  double lo = 1e300, hi = -1e300;
  for (float v : m_data) {
    lo = std::min<double>(lo, v);
    hi = std::max<double>(hi, v);
  }
  if (dataKey() != kCsv || m_data.empty()) {
    lo = std::min(lo, -kPlaneHalf);
    hi = std::max(hi, kPlaneHalf);
  } else {
    const double c = m_shift.empty() ? 0.0 : *std::max_element(m_shift.begin(), m_shift.end());
    const double c0 = m_shift.empty() ? 0.0 : *std::min_element(m_shift.begin(), m_shift.end());
    lo = std::min(lo, c0 - 3.5 * m_scale);
    hi = std::max(hi, c + 3.5 * m_scale);
    const double pad = 0.05 * (hi - lo);
    lo -= pad;
    hi += pad;
  }
  m_plane->setRange(lo, hi);
}

// Data and samples at the timeline's t: x_t of both under the forward process (core qSample), from
// fixed noise, so scrubbing is instant and repeatable.
void LessonTrain::refreshView() {
  const NoiseSchedule s = schedule();
  const int t = std::clamp(m_t, 0, s.steps());
  const std::vector<float> data = diffusePoints(s, m_data, m_noise, m_dataDim, t, m_shift, m_scale);
  m_plane->setData(data, t == 0 ? tr("data x₀ (%1)").arg(m_dataTitle) : tr("data noised to xₜ"));
  const bool showSamples = !m_samples.empty() && m_samplesDim == m_dataDim;
  std::vector<float> samples;
  if (showSamples) {
    static const std::vector<double> kNoShift;
    const std::vector<double>& shift = m_session ? m_session->setup().shift : kNoShift;
    const double scale = m_session ? m_session->setup().scale : 1.0;
    // Samples are noised with the tail of the fixed noise (independent of the data's).
    const std::vector<float> noise(m_noise.end() - static_cast<std::ptrdiff_t>(std::min(m_noise.size(), m_samples.size())),
                                   m_noise.end());
    samples = diffusePoints(s, m_samples, noise, m_samplesDim, t, shift, scale);
  }
  m_plane->setSamples(samples, t == 0 ? tr("model samples (step %1)").arg(m_samplesStep) : tr("samples noised to xₜ"));
  QString title = t == 0 ? tr("Data q(x₀) and samples of the learned model")
                         : tr("t = %1: data and samples, noised to xₜ").arg(t);
  m_plane->setTitle(title);
}

TrainSetup LessonTrain::setupFromControls() const {
  TrainSetup s;
  const QString key = dataKey();
  s.dataSource = key == kDrawn ? QStringLiteral("drawn") : key == kCsv ? QStringLiteral("points") : QStringLiteral("toy");
  s.dataName = key == kDrawn ? QStringLiteral("spray brush") : key == kCsv ? m_csvName : key;
  s.dataTitle = m_dataTitle;
  s.dim = m_dataDim;
  s.data = m_data;
  s.shift = m_shift;
  s.scale = m_scale;
  s.schedule.kind = parseScheduleKind(m_scheduleKind->currentText().toStdString());
  s.schedule.steps = m_steps->value();
  s.hidden = m_width->value();
  s.layers = m_depth->value();
  s.learningRate = m_lr->value();
  s.batchSize = m_batch->value();
  s.iterations = m_iterations->value();
  s.seed = static_cast<std::uint64_t>(m_seed->value());
  s.vlbWeighting = m_weighting->currentData().toString() == QLatin1String("vlb");
  return s;
}

void LessonTrain::applySetupToControls(const TrainSetup& s) {
  const QSignalBlocker b1(m_scheduleKind), b2(m_steps), b3(m_width), b4(m_depth), b5(m_lr), b6(m_batch),
      b7(m_seed), b8(m_weighting);
  m_scheduleKind->setCurrentText(QString::fromStdString(toString(s.schedule.kind)));
  m_steps->setValue(s.schedule.steps);
  m_width->setValue(s.hidden);
  m_depth->setValue(s.layers);
  m_lr->setValue(s.learningRate);
  m_batch->setValue(s.batchSize);
  m_seed->setValue(static_cast<int>(std::min<std::uint64_t>(s.seed, 999999)));
  m_weighting->setCurrentIndex(s.vlbWeighting ? 1 : 0);
}

void LessonTrain::train() {
  if (m_phase == Phase::Running) return;
  const qint64 n = static_cast<qint64>(m_data.size()) / std::max(1, m_dataDim);
  if (n < kMinPoints) {
    showError(tr("Train"), tr("The data set has %1 points; at least %2 are needed. Spray some on the plane or "
                              "choose a toy data set.").arg(n).arg(kMinPoints));
    return;
  }
  TrainSetup setup;
  try {
    setup = setupFromControls();
    NoiseSchedule check(setup.schedule);
    (void)check;
  } catch (const std::exception& e) {
    showError(tr("Train"), QString::fromUtf8(e.what()));
    return;
  }
  m_session = std::make_shared<TrainSession>(std::move(setup));
  m_step = 0;
  m_samples.clear();
  m_w2 = std::nan("");
  m_metric->setText(tr("SW₂: –"));
  m_loss->reset(m_session->setup().lossBands, m_session->setup().schedule.steps);
  m_loss->setWeightingLabel(m_session->setup().vlbWeighting ? tr("VLB-weighted ε-MSE") : tr("L_simple"));
  Q_EMIT scheduleChanged();
  m_runTarget = m_session->setup().iterations;
  submitRun(m_runTarget);
}

void LessonTrain::pause() {
  if (m_phase != Phase::Running || !m_jobActive) return;
  m_stopRequested = false;
  m_pausing = true;
  if (m_runner->currentJobId() == m_jobId) m_runner->cancel();
  updateButtons();
  setStatus(tr("Pausing…"));
}

void LessonTrain::resume() {
  if (!m_session || !m_session->canTrain()) return;
  if (m_phase != Phase::Paused && m_phase != Phase::Completed && m_phase != Phase::Loaded) return;
  qint64 remaining = m_runTarget - m_step;
  if (m_phase != Phase::Paused || remaining <= 0) {
    remaining = m_iterations->value();
    m_runTarget = m_step + remaining;
  }
  submitRun(remaining);
}

void LessonTrain::stop() {
  if (m_phase == Phase::Running && m_jobActive) {
    m_stopRequested = true;
    if (m_runner->currentJobId() == m_jobId) m_runner->cancel();
    updateButtons();
    setStatus(tr("Stopping…"));
  } else if (m_phase == Phase::Paused) {
    setPhase(Phase::Stopped);
    setStatus(tr("Stopped at step %1. The model is final: save it, or press Train for a fresh one.").arg(m_step));
  }
}

void LessonTrain::submitRun(qint64 steps) {
  std::shared_ptr<TrainSession> session = m_session;
  m_stopRequested = false;
  m_pausing = false;
  m_session->takeUpdate();  // drop a stale end-of-run marker
  QPointer<LessonTrain> self(this);
  m_jobId = m_runner->submit(
      steps > 0 ? tr("Training") : tr("Sampling the loaded model"),
      [session, steps](const ProgressFn& progress, const CancelToken& cancel) -> std::any {
        session->runJob(steps, progress, cancel);
        return {};
      },
      [self](std::any&) {
        if (self) self->poll();
      },
      [self](const QString& message) {
        if (!self) return;
        self->poll();
        self->showError(tr("Training"), tr("Training failed: %1").arg(message));
        self->setPhase(self->m_session && self->m_session->hasModel() ? Phase::Stopped : Phase::Idle);
      });
  m_jobActive = true;
  m_poll->start();
  if (steps > 0) {
    setPhase(Phase::Running);
    setStatus(tr("Training %1 steps…").arg(steps));
  }
}

void LessonTrain::onJobEnded(quint64 id) {
  if (id != m_jobId || !m_jobActive) return;
  m_jobActive = false;
  poll();
  m_poll->stop();
  if (m_phase == Phase::Running) {
    // Superseded before it could start (or before it reported its end): nothing was lost.
    endRun(RunEnd::Cancelled, QString());
  }
  updateButtons();
}

void LessonTrain::poll() {
  if (!m_session) return;
  TrainUpdate u = m_session->takeUpdate();
  if (!u.loss.empty()) m_loss->append(u.loss);
  m_step = std::max<qint64>(m_step, u.step);
  if (m_phase == Phase::Running) {
    m_progress->setText(tr("Step %1 of %2 · loss %3").arg(m_step).arg(m_runTarget).arg(fmt(u.lastLoss)));
    Q_EMIT backgroundStatus(tr("Training: step %1 of %2 · loss %3").arg(m_step).arg(m_runTarget).arg(fmt(u.lastLoss)));
  }
  if (u.hasSamples) {
    m_samples = std::move(u.samples);
    m_samplesDim = m_session->setup().dim;
    m_samplesStep = u.samplesStep;
    m_w2 = u.slicedW2;
    QString metric = tr("SW₂ to data: <b>%1</b>").arg(fmt(u.slicedW2));
    if (std::isfinite(u.floorW2)) metric += tr(" (floor %1)").arg(fmt(u.floorW2));
    m_metric->setText(metric);
    refreshView();
    publishModel(u);
    Q_EMIT samplesUpdated();
  }
  if (u.runEnd != RunEnd::None) endRun(u.runEnd, u.message);
}

void LessonTrain::endRun(RunEnd end, const QString& message) {
  if (m_phase != Phase::Running) return;
  switch (end) {
    case RunEnd::Completed:
      setPhase(Phase::Completed);
      setStatus(tr("Done: %1 steps. Resume trains %2 more; Save keeps the model.").arg(m_step).arg(m_iterations->value()));
      break;
    case RunEnd::Diverged:
      setPhase(Phase::Diverged);
      showError(tr("Training diverged"),
                tr("Training diverged at step %1: %2\nThe last good weights are kept. Try a smaller learning "
                   "rate or L_simple weighting.").arg(m_step).arg(message));
      break;
    case RunEnd::Cancelled:
    case RunEnd::None:
    case RunEnd::Failed:
      if (m_stopRequested) {
        setPhase(Phase::Stopped);
        setStatus(tr("Stopped at step %1. The model is final: save it, or press Train for a fresh one.").arg(m_step));
      } else {
        setPhase(Phase::Paused);
        setStatus(tr("Paused at step %1 (of %2). Resume continues with the same optimiser state.")
                      .arg(m_step)
                      .arg(m_runTarget));
      }
      break;
  }
  m_stopRequested = false;
  m_pausing = false;
  updateButtons();
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

void LessonTrain::setPhase(Phase phase) {
  if (phase != Phase::Running) Q_EMIT backgroundStatus(QString());
  const bool changed = phase != m_phase;
  m_phase = phase;
  updateButtons();
  if (changed) Q_EMIT phaseChanged(phase);
}

void LessonTrain::updateButtons() {
  const bool running = m_phase == Phase::Running;
  const bool paused = m_phase == Phase::Paused;
  const bool trainable = m_session && m_session->canTrain();
  const qint64 n = static_cast<qint64>(m_data.size()) / std::max(1, m_dataDim);
  m_train->setEnabled(!running && n >= kMinPoints);
  const bool ending = m_stopRequested || m_pausing;
  m_pause->setEnabled(running && m_jobActive && !ending);
  m_stop->setEnabled((running && m_jobActive && !m_stopRequested) || paused);
  m_resume->setEnabled(!m_jobActive && trainable &&
                       (paused || m_phase == Phase::Completed || m_phase == Phase::Loaded));
  m_save->setEnabled(m_session && m_session->hasModel());
  m_load->setEnabled(!running && !m_jobActive);
  for (QWidget* w : m_setupWidgets) w->setEnabled(!running && !paused);
}

NoiseSchedule LessonTrain::schedule() const {
  if (m_session) return m_session->schedule();
  ScheduleSpec spec;
  spec.steps = m_steps->value();
  try {
    spec.kind = parseScheduleKind(m_scheduleKind->currentText().toStdString());
  } catch (...) {
  }
  return NoiseSchedule(spec);
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
    writeCsvPoints(path, m_samples, m_samplesDim);
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
    m_session->save(path);
  } catch (const std::exception& e) {
    showError(tr("Save checkpoint"), tr("Could not save the checkpoint: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
  setStatus(tr("Saved the model at step %1 to %2.").arg(m_session->step()).arg(QFileInfo(path).fileName()));
  return true;
}

bool LessonTrain::loadCheckpoint(const QString& path) {
  if (m_phase == Phase::Running || m_jobActive) {
    showError(tr("Load checkpoint"), tr("Pause or stop training before loading a checkpoint."));
    return false;
  }
  std::unique_ptr<TrainSession> loaded;
  try {
    loaded = TrainSession::fromCheckpoint(path, setupFromControls());
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
  applySetupToControls(s);
  if (s.dataSource == QLatin1String("toy")) selectData(s.dataName);
  m_step = m_session->step();
  m_runTarget = m_step;
  m_samples.clear();
  m_loss->reset(s.lossBands, s.schedule.steps);
  m_loss->setWeightingLabel(s.vlbWeighting ? tr("VLB-weighted ε-MSE") : tr("L_simple"));
  m_loss->append(m_session->loadedLossCurve());
  Q_EMIT scheduleChanged();
  setPhase(Phase::Loaded);
  setStatus(tr("Loaded %1: MLP %2×%3 trained %4 steps on %5. %6")
                .arg(m_session->loadedFrom())
                .arg(s.layers)
                .arg(s.hidden)
                .arg(m_step)
                .arg(s.dataTitle.isEmpty() ? tr("unknown data") : s.dataTitle)
                .arg(m_session->canTrain() ? tr("Resume trains it further.")
                                           : tr("Its data is not available here, so it can be sampled but not trained further.")));
  submitRun(0);  // draw live samples (and publish the model)
  return true;
}

bool LessonTrain::loadPointsCsv(const QString& path) {
  int dim = 0;
  std::vector<float> points;
  try {
    points = csvPoints(path, &dim);
  } catch (const std::exception& e) {
    showError(tr("Load points"), QString::fromUtf8(e.what()));
    return false;
  }
  if (dim != 1 && dim != 2) {
    showError(tr("Load points"), tr("%1 has %2 columns; this lesson takes x,y or x.").arg(path).arg(dim));
    return false;
  }
  m_csv = std::move(points);
  m_csvDim = dim;
  m_csvName = QFileInfo(path).fileName();
  if (dataKey() != kCsv) selectData(kCsv);  // refreshes
  else refreshData();
  return true;
}

void LessonTrain::chooseCsvPath() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Load points"), QString(),
                                                    tr("CSV point sets (*.csv);;All files (*)"));
  if (!path.isEmpty()) loadPointsCsv(path);
}

void LessonTrain::chooseSavePath() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Save checkpoint"), QStringLiteral("model.ckpt"),
                                                    tr("Checkpoints (*.ckpt);;All files (*)"));
  if (!path.isEmpty()) saveCheckpoint(path);
}

void LessonTrain::chooseLoadPath() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Load checkpoint"), QString(),
                                                    tr("Checkpoints (*.ckpt);;All files (*)"));
  if (!path.isEmpty()) loadCheckpoint(path);
}

void LessonTrain::showError(const QString& title, const QString& text) {
  m_lastError = text;
  setStatus(QStringLiteral("<span style='color:#b00000'>%1</span>").arg(text.toHtmlEscaped().replace('\n', "<br>")));
  Q_EMIT statusMessage(text);
  Q_EMIT errorShown(text);
  if (!m_errorDialogs) return;
  // Window-modal but not blocking: no nested event loop while training jobs report back.
  auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
}

void LessonTrain::setStatus(const QString& html) { m_status->setText(html); }

}  // namespace ds::ui
