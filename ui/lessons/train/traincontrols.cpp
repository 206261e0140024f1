#include "ui/lessons/train/traincontrols.h"

#include "ui/displaynames.h"
#include "ui/lessons/train/traindocument.h"
#include "ui/widgets/controlsscroll.h"

#include "core/data/toys.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ds::ui {

namespace {

// lupdate files a tr() text under the class (or namespace) of the function that calls it, so the
// free functions here say whose texts they are: the Train lesson's (the context they always had).
struct TrainText {
  Q_DECLARE_TR_FUNCTIONS(ds::ui::LessonTrain)
};

QWidget* buildDataBox(TrainControls& c, const TrainDocument& doc, QWidget* parent) {
  auto* box = new QGroupBox(TrainText::tr("Data q(x₀)"), parent);
  c.dataCombo = new QComboBox(box);
  for (const ToyInfo& toy : toyRegistry())
    c.dataCombo->addItem(displayName(toy.title), QString::fromStdString(toy.name));
  c.dataCombo->addItem(TrainText::tr("Draw with the spray brush"), TrainDocument::kDrawn);
  c.dataCombo->addItem(TrainText::tr("Points from a CSV file"), TrainDocument::kCsv);
  for (int i = 0; i < static_cast<int>(toyRegistry().size()); ++i)
    c.dataCombo->setItemData(i, displayName(toyRegistry()[static_cast<size_t>(i)].description), Qt::ToolTipRole);
  c.dataCombo->setObjectName(QStringLiteral("dataCombo"));
  c.dataCombo->setToolTip(
      TrainText::tr("The data distribution q(x₀) the network learns to sample from: a toy set, "
                    "points you spray on the plane, or a CSV file with columns x,y (or x)."));
  c.points = new QSpinBox(box);
  c.points->setRange(200, 20000);
  c.points->setSingleStep(500);
  c.points->setValue(doc.toyPointCount());
  c.points->setObjectName(QStringLiteral("toyPoints"));
  c.points->setKeyboardTracking(false);
  c.points->setToolTip(TrainText::tr("How many points x₀ of the toy set the network trains on."));
  c.brushRadius = new QDoubleSpinBox(box);
  c.brushRadius->setRange(0.02, 2.0);
  c.brushRadius->setSingleStep(0.05);
  c.brushRadius->setValue(doc.brushRadius());
  c.brushRadius->setObjectName(QStringLiteral("brushRadius"));
  c.brushRadius->setToolTip(
      TrainText::tr("Spray brush radius (plane units): each dab drops points uniformly in this disc."));
  c.brushDensity = new QSpinBox(box);
  c.brushDensity->setRange(1, 100);
  c.brushDensity->setValue(doc.brushDensity());
  c.brushDensity->setObjectName(QStringLiteral("brushDensity"));
  c.brushDensity->setToolTip(
      TrainText::tr("Points per dab: press or drag on the plane to spray. Ctrl+Z undoes a whole "
                    "stroke, Ctrl+Shift+Z redoes it."));
  c.clear = new QPushButton(TrainText::tr("Clear"), box);
  c.clear->setObjectName(QStringLiteral("clearDrawing"));
  c.clear->setToolTip(TrainText::tr("Remove every drawn point (undoable with Ctrl+Z)."));
  c.loadCsv = new QPushButton(TrainText::tr("Load CSV…"), box);
  c.loadCsv->setObjectName(QStringLiteral("loadCsv"));
  c.loadCsv->setToolTip(
      TrainText::tr("Read points from a CSV file with the header x,y (2-D) or x (1-D). The model trains "
                    "on them centred and scaled to unit spread; samples are shown in your units."));
  c.dataInfo = new QLabel(box);
  c.dataInfo->setObjectName(QStringLiteral("dataInfo"));
  c.dataInfo->setWordWrap(true);

  auto* brushRow = new QHBoxLayout;
  brushRow->addWidget(new QLabel(TrainText::tr("r"), box));
  brushRow->addWidget(c.brushRadius);
  brushRow->addWidget(new QLabel(TrainText::tr("n"), box));
  brushRow->addWidget(c.brushDensity);
  // Clear beside Load CSV, not in the brush row: the column stays narrow at presentation sizes.
  auto* fileRow = new QHBoxLayout;
  fileRow->addWidget(c.loadCsv, 1);
  fileRow->addWidget(c.clear);
  auto* form = new QFormLayout(box);
  form->addRow(c.dataCombo);
  form->addRow(TrainText::tr("Points"), c.points);
  form->addRow(TrainText::tr("Brush"), brushRow);
  form->addRow(fileRow);
  form->addRow(c.dataInfo);
  return box;
}

QWidget* buildModelBox(TrainControls& c, const TrainDocument& doc, QWidget* parent) {
  auto* box = new QGroupBox(TrainText::tr("Process and network ε_θ"), parent);
  c.scheduleKind = new QComboBox(box);
  c.scheduleKind->setObjectName(QStringLiteral("scheduleKind"));
  for (ScheduleKind kind : {ScheduleKind::Linear, ScheduleKind::Cosine, ScheduleKind::Quadratic, ScheduleKind::Sigmoid})
    c.scheduleKind->addItem(displayName(toString(kind)), static_cast<int>(kind));
  c.scheduleKind->setToolTip(
      TrainText::tr("Variance schedule β₁…β_T of the forward process q(xₜ | xₜ₋₁): linear (Ho et al. "
                    "2020), cosine (Nichol & Dhariwal 2021), …"));
  c.steps = new QSpinBox(box);
  c.steps->setRange(10, 4000);
  c.steps->setSingleStep(100);
  c.steps->setValue(doc.schedule().steps);
  c.steps->setObjectName(QStringLiteral("scheduleSteps"));
  c.steps->setKeyboardTracking(false);
  c.steps->setToolTip(
      TrainText::tr("T: the number of noising steps. The network sees t ∈ 1…T through a sinusoidal embedding."));
  c.width = new QSpinBox(box);
  c.width->setRange(8, 1024);
  c.width->setSingleStep(32);
  c.width->setValue(doc.hidden());
  c.width->setObjectName(QStringLiteral("width"));
  c.width->setToolTip(TrainText::tr("Width H of each hidden layer of the MLP ε_θ(xₜ, t) (SiLU activations)."));
  c.depth = new QSpinBox(box);
  c.depth->setRange(1, 8);
  c.depth->setValue(doc.layers());
  c.depth->setObjectName(QStringLiteral("depth"));
  c.depth->setToolTip(TrainText::tr("Depth L: number of hidden Linear+SiLU layers."));
  auto* form = new QFormLayout(box);
  form->addRow(TrainText::tr("Schedule"), c.scheduleKind);
  form->addRow(TrainText::tr("Steps T"), c.steps);
  form->addRow(TrainText::tr("Width H"), c.width);
  form->addRow(TrainText::tr("Depth L"), c.depth);
  c.setupWidgets << c.scheduleKind << c.steps << c.width << c.depth;
  return box;
}

QWidget* buildTrainBox(TrainControls& c, const TrainDocument& doc, QWidget* parent) {
  auto* box = new QGroupBox(TrainText::tr("Training"), parent);
  c.lr = new QDoubleSpinBox(box);
  c.lr->setDecimals(5);
  c.lr->setRange(1e-5, 0.1);
  c.lr->setSingleStep(5e-4);
  c.lr->setValue(doc.learningRate());
  c.lr->setObjectName(QStringLiteral("learningRate"));
  c.lr->setToolTip(
      TrainText::tr("Adam learning rate (gradient norm clipped to 1; the samples come from an EMA of the weights)."));
  c.batch = new QSpinBox(box);
  c.batch->setRange(8, 8192);
  c.batch->setSingleStep(64);
  c.batch->setValue(doc.batchSize());
  c.batch->setObjectName(QStringLiteral("batch"));
  c.batch->setToolTip(
      TrainText::tr("Batch size: data points x₀ per step, each with a random t ∈ 1…T and ε ~ N(0, I)."));
  c.iterations = new QSpinBox(box);
  c.iterations->setRange(10, 1000000);
  c.iterations->setSingleStep(500);
  c.iterations->setValue(static_cast<int>(doc.iterations()));
  c.iterations->setObjectName(QStringLiteral("iterations"));
  c.iterations->setToolTip(
      TrainText::tr("Optimisation steps of one run (Resume after a completed run trains this many more)."));
  c.seed = new QSpinBox(box);
  c.seed->setRange(0, 999999);
  c.seed->setObjectName(QStringLiteral("seed"));
  c.seed->setToolTip(
      TrainText::tr("Seed of the initial weights, the batches, t and ε: the same seed gives the same run."));
  c.weighting = new QComboBox(box);
  c.weighting->setObjectName(QStringLiteral("weighting"));
  c.weighting->addItem(TrainText::tr("L_simple"), QStringLiteral("simple"));
  c.weighting->addItem(TrainText::tr("VLB-weighted"), QStringLiteral("vlb"));
  c.weighting->setToolTip(
      TrainText::tr("L_simple = E‖ε − ε_θ(xₜ, t)‖² weights every t alike (Ho et al. 2020, eq. 14). "
                    "VLB weights each t by its KL term's coefficient β_t² / (2σ_t² α_t (1−ᾱ_t)) "
                    "(eq. 12): the true bound, dominated by small t."));
  c.setupWidgets << c.lr << c.batch << c.iterations << c.seed << c.weighting;

  c.train = new QPushButton(TrainText::tr("Train"), box);
  c.train->setObjectName(QStringLiteral("train"));
  c.train->setToolTip(TrainText::tr("Start training a fresh network (new weights from the seed) on the chosen data."));
  c.pause = new QPushButton(TrainText::tr("Pause"), box);
  c.pause->setObjectName(QStringLiteral("pause"));
  c.pause->setToolTip(TrainText::tr("Pause training; weights, Adam moments, EMA and step count are kept."));
  c.resume = new QPushButton(TrainText::tr("Resume"), box);
  c.resume->setObjectName(QStringLiteral("resume"));
  c.resume->setToolTip(
      TrainText::tr("Continue training the current network where it stopped (same step count, optimiser "
                    "state and EMA). After a completed run: train another run of the set iterations."));
  c.stop = new QPushButton(TrainText::tr("Stop"), box);
  c.stop->setObjectName(QStringLiteral("stop"));
  c.stop->setToolTip(TrainText::tr("End training: the current EMA model becomes final (save it as a checkpoint)."));
  c.save = new QPushButton(TrainText::tr("Save checkpoint…"), box);
  c.save->setObjectName(QStringLiteral("saveCheckpoint"));
  c.save->setToolTip(
      TrainText::tr("Write the model (EMA weights), the optimiser state, schedule, data description and "
                    "loss curve to a checkpoint file (.ckpt) that diffusion-cli sample --model can read."));
  c.load = new QPushButton(TrainText::tr("Load checkpoint…"), box);
  c.load->setObjectName(QStringLiteral("loadCheckpoint"));
  c.load->setToolTip(
      TrainText::tr("Read a checkpoint: its model becomes the current one (a corrupt or mismatched file is "
                    "reported and changes nothing)."));
  auto* buttons = new QGridLayout;
  buttons->addWidget(c.train, 0, 0);
  buttons->addWidget(c.pause, 0, 1);
  buttons->addWidget(c.resume, 1, 0);
  buttons->addWidget(c.stop, 1, 1);
  // The checkpoint buttons have long labels: one row each, so the column fits a small screen.
  buttons->addWidget(c.save, 2, 0, 1, 2);
  buttons->addWidget(c.load, 3, 0, 1, 2);

  c.progress = new QLabel(box);
  c.progress->setObjectName(QStringLiteral("progress"));
  c.progress->setWordWrap(true);
  c.progress->setToolTip(TrainText::tr("Optimisation step and the mean training loss since the last report."));
  c.metric = new QLabel(TrainText::tr("SW₂: –"), box);
  c.metric->setObjectName(QStringLiteral("metric"));
  c.metric->setWordWrap(true);
  c.metric->setToolTip(
      TrainText::tr("Sliced Wasserstein-2 distance between the live samples and the data (normalised units; "
                    "0 = same distribution). The floor is the distance between two halves of the data: "
                    "what a perfect model would score with this many points."));
  c.logScale = new QCheckBox(TrainText::tr("Log-scale loss"), box);
  c.logScale->setObjectName(QStringLiteral("logScale"));
  c.logScale->setChecked(true);
  c.logScale->setToolTip(TrainText::tr("Show the loss axis logarithmically: late improvements stay visible."));
  c.showBands = new QCheckBox(TrainText::tr("Loss per band of t"), box);
  c.showBands->setObjectName(QStringLiteral("showBands"));
  c.showBands->setChecked(true);
  c.showBands->setToolTip(
      TrainText::tr("The unweighted ε-MSE in five bands of t. Small t (little noise) is the hardest: "
                    "ε is a tiny part of xₜ; large t is easy: xₜ ≈ ε."));

  auto* form = new QFormLayout(box);
  form->addRow(TrainText::tr("Learning rate"), c.lr);
  form->addRow(TrainText::tr("Batch"), c.batch);
  form->addRow(TrainText::tr("Iterations"), c.iterations);
  form->addRow(TrainText::tr("Seed"), c.seed);
  form->addRow(TrainText::tr("Loss"), c.weighting);
  form->addRow(buttons);
  form->addRow(c.progress);
  form->addRow(c.metric);
  auto* checks = new QVBoxLayout;  // stacked: side by side they set the column's width
  checks->addWidget(c.logScale, 0, Qt::AlignLeft);
  checks->addWidget(c.showBands, 0, Qt::AlignLeft);
  form->addRow(checks);
  return box;
}

}  // namespace

QWidget* buildControls(TrainControls& c, const TrainDocument& doc, QWidget* owner) {
  auto* panel = new QWidget;
  auto* layout = new QVBoxLayout(panel);
  layout->setContentsMargins(0, 0, 4, 0);
  layout->addWidget(buildDataBox(c, doc, panel));
  layout->addWidget(buildModelBox(c, doc, panel));
  layout->addWidget(buildTrainBox(c, doc, panel));
  c.status = new QLabel(panel);
  c.status->setObjectName(QStringLiteral("status"));
  c.status->setWordWrap(true);
  c.status->setTextFormat(Qt::RichText);
  layout->addWidget(c.status);
  layout->addStretch(1);

  // As wide as the controls need (presentation fonts widen it), scrolling vertically.
  return new ControlsScrollArea(panel, owner);
}

}  // namespace ds::ui
