#include "ui/timeline.h"

#include "ui/icons.h"

#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QResizeEvent>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QTextEdit>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <cmath>

namespace ds::ui {

namespace {

constexpr int kTickMs = 16;         // ~60 Hz play timer; each tick advances by speed·elapsed steps
constexpr int kDefaultSpeed = 100;  // steps per second: a whole T = 1000 pass in 10 s
constexpr int kBigStep = 10;        // PgUp/PgDn

// A number for a read-out: fixed for moderate values, scientific when very small or large.
QString formatValue(double v) {
  if (v == 0.0) return QStringLiteral("0");
  const double a = std::abs(v);
  if (a >= 1e-3 && a < 1e4) return QString::number(v, 'g', 4);
  return QString::number(v, 'e', 2);
}

// Read-outs at t (plain text, with the lecture's symbols).
struct Readout {
  QString t, beta, alphaBar, snr;
};

Readout readoutAt(const NoiseSchedule& s, int t) {
  Readout r;
  r.t = QStringLiteral("%1 / %2").arg(t).arg(s.steps());
  r.alphaBar = formatValue(s.alphaBar(t));
  if (t == 0) {
    r.beta = QStringLiteral("—");
    r.snr = QStringLiteral("∞");
  } else {
    r.beta = formatValue(s.beta(t));
    const double snr = s.snr(t);
    r.snr = QStringLiteral("%1 (%2 dB)").arg(formatValue(snr), QString::number(10.0 * std::log10(snr), 'f', 1));
  }
  return r;
}

}  // namespace

Timeline::Timeline(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("timeline"));
  m_timer = new QTimer(this);
  m_timer->setTimerType(Qt::PreciseTimer);
  m_timer->setInterval(kTickMs);
  connect(m_timer, &QTimer::timeout, this, &Timeline::onTick);
  buildActions();
  buildUi();
  setSchedule(NoiseSchedule());
  updatePlayUi();
}

bool Timeline::focusWidgetWantsKey(const QWidget* focus, int key) {
  if (!focus) return false;
  if (focus->property("ds_timelineKeys").toBool()) return false;  // opted in: the timeline gets them
  // Text and number fields keep every key we bind (cursor movement, typing a space, stepping).
  if (qobject_cast<const QAbstractSpinBox*>(focus) || qobject_cast<const QLineEdit*>(focus) ||
      qobject_cast<const QTextEdit*>(focus) || qobject_cast<const QPlainTextEdit*>(focus))
    return true;
  // A closed, non-editable combo box chooses with ↑/↓ and typing; the timeline's keys (Space, ←/→,
  // Page Up/Down, Home/End) drive the timeline as everywhere else.
  if (auto* combo = qobject_cast<const QComboBox*>(focus)) return combo->isEditable();
  // Another slider (e.g. a lesson's jump size k) and tables/lists keep their navigation keys.
  if (qobject_cast<const QAbstractSlider*>(focus) || qobject_cast<const QAbstractItemView*>(focus))
    return key != Qt::Key_Space;
  return false;
}

QAction* Timeline::makeKeyAction(const QString& text, int key, const QString& tip, std::function<void()> run) {
  auto* action = new QAction(text, this);
  action->setShortcut(QKeySequence(key));
  action->setShortcutContext(Qt::WindowShortcut);
  action->setToolTip(QStringLiteral("%1 (%2)").arg(tip, QKeySequence(key).toString(QKeySequence::NativeText)));
  action->setStatusTip(tip);
  addAction(action);  // active wherever this widget's window has the focus
  connect(action, &QAction::triggered, this, [this, action, key, run = std::move(run)] {
    QWidget* focus = QApplication::focusWidget();
    if (focus && focus != m_slider && focus->window() == window() && focusWidgetWantsKey(focus, key)) {
      // Hand the key back to the focused input. The action is disabled meanwhile so that the
      // synthesized event is not taken for this shortcut again.
      action->setEnabled(false);
      const QString keyText = key == Qt::Key_Space ? QStringLiteral(" ") : QString();
      QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier, keyText);
      QApplication::sendEvent(focus, &press);
      QKeyEvent release(QEvent::KeyRelease, key, Qt::NoModifier, keyText);
      QApplication::sendEvent(focus, &release);
      action->setEnabled(true);
      return;
    }
    run();
  });
  return action;
}

void Timeline::buildActions() {
  m_playAction = makeKeyAction(tr("Play / Pause"), Qt::Key_Space,
                               tr("Play or pause: t moves by itself at the chosen speed, in the chosen direction"),
                               [this] { togglePlaying(); });

  // The transport icons are resources/icons/*.svg, drawn in the palette's text colour.
  auto add = [this](const QString& text, int key, const QString& tip, std::function<void()> run, const char* icon) {
    QAction* a = makeKeyAction(text, key, tip, std::move(run));
    a->setIcon(svgIcon(QString::fromLatin1(icon), palette().color(QPalette::WindowText)));
    m_transport << a;
  };
  add(
      tr("Go to t = 0"), Qt::Key_Home, tr("Jump to t = 0: the clean data x₀"), [this] { setTimestep(0); }, "go-start");
  add(
      tr("Back 10 steps"), Qt::Key_PageDown, tr("t − 10"), [this] { stepBy(-kBigStep); }, "seek-back");
  add(
      tr("Back 1 step"), Qt::Key_Left, tr("t − 1: one step towards the data"), [this] { stepBy(-1); }, "step-back");
  add(
      tr("Forward 1 step"), Qt::Key_Right, tr("t + 1: one step towards pure noise"), [this] { stepBy(1); },
      "step-forward");
  add(
      tr("Forward 10 steps"), Qt::Key_PageUp, tr("t + 10"), [this] { stepBy(kBigStep); }, "seek-forward");
  add(
      tr("Go to t = T"), Qt::Key_End, tr("Jump to t = T: x_T is (almost) pure Gaussian noise N(0, I)"),
      [this] { setTimestep(steps()); }, "go-end");

  m_directionGroup = new QActionGroup(this);
  m_directionGroup->setExclusive(true);
  // Short labels (they must fit a projector's 1280 px at presentation size); tooltips say more.
  m_forwardAction = new QAction(tr("q: noising →"), m_directionGroup);
  m_forwardAction->setCheckable(true);
  m_forwardAction->setChecked(true);
  m_forwardAction->setToolTip(
      tr("Forward process q(x_t | x_{t-1}), noising: noise is added step by step, so playing moves t up, 0 → T"));
  m_reverseAction = new QAction(tr("← p: denoising"), m_directionGroup);
  m_reverseAction->setCheckable(true);
  m_reverseAction->setToolTip(
      tr("Reverse process p(x_{t-1} | x_t), denoising: noise is removed step by step, so playing moves t down, T → 0"));
  connect(m_forwardAction, &QAction::triggered, this, [this] { setDirection(Direction::Forward); });
  connect(m_reverseAction, &QAction::triggered, this, [this] { setDirection(Direction::Reverse); });
}

void Timeline::buildUi() {
  auto* grid = new QGridLayout(this);
  grid->setContentsMargins(6, 4, 6, 4);

  // Row 0: transport buttons, the slider, and t.
  auto* transport = new QHBoxLayout;
  transport->setSpacing(2);
  auto button = [this](QAction* action) {
    auto* b = new QToolButton(this);
    b->setDefaultAction(action);
    b->setAutoRaise(true);
    b->setFocusPolicy(Qt::NoFocus);  // keys belong to the timeline, not to a focused button
    return b;
  };
  for (int i = 0; i < 3; ++i) {
    m_transportButtons << button(m_transport[i]);
    transport->addWidget(m_transportButtons.back());
  }
  m_playButton = button(m_playAction);
  m_playButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  m_playButton->setObjectName(QStringLiteral("playButton"));
  transport->addWidget(m_playButton);
  for (int i = 3; i < 6; ++i) {
    m_transportButtons << button(m_transport[i]);
    transport->addWidget(m_transportButtons.back());
  }
  grid->addLayout(transport, 0, 0);

  m_slider = new QSlider(Qt::Horizontal, this);
  m_slider->setObjectName(QStringLiteral("timestepSlider"));
  m_slider->setSingleStep(1);
  m_slider->setPageStep(kBigStep);
  m_slider->setTickPosition(QSlider::TicksBelow);
  m_slider->setToolTip(
      tr("Timestep t: 0 is the data x₀, T is (almost) pure noise x_T ~ N(0, I). "
         "Drag to scrub; the views show the cached chain at this t."));
  m_slider->setAccessibleName(tr("Timestep t"));
  connect(m_slider, &QSlider::valueChanged, this, &Timeline::setTimestep);
  grid->addWidget(m_slider, 0, 1);

  m_tLabel = new QLabel(this);
  m_tLabel->setObjectName(QStringLiteral("tLabel"));
  m_tLabel->setToolTip(tr("The current timestep t out of T steps of the chain"));
  m_tLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
  grid->addWidget(m_tLabel, 0, 2);

  // Row 1: direction, speed, loop, and the schedule read-outs; on a narrow window (presentation
  // mode on a small screen) the read-outs move to a row of their own (fitRows).
  m_controls = new QWidget(this);
  m_controls->setObjectName(QStringLiteral("timelineControls"));
  auto* controls = new QHBoxLayout(m_controls);
  controls->setContentsMargins(0, 0, 0, 0);
  m_forwardButton = new QToolButton(this);
  m_forwardButton->setDefaultAction(m_forwardAction);
  m_forwardButton->setObjectName(QStringLiteral("forwardButton"));
  m_reverseButton = new QToolButton(this);
  m_reverseButton->setDefaultAction(m_reverseAction);
  m_reverseButton->setObjectName(QStringLiteral("reverseButton"));
  for (QToolButton* b : {m_forwardButton, m_reverseButton}) {
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    b->setFocusPolicy(Qt::NoFocus);
    controls->addWidget(b);
  }
  controls->addSpacing(12);

  auto* speedLabel = m_speedLabel = new QLabel(tr("Speed"), m_controls);
  m_speed = new QSpinBox(m_controls);
  m_speed->setObjectName(QStringLiteral("speedSpin"));
  m_speed->setRange(1, 2000);
  m_speed->setValue(kDefaultSpeed);
  m_speed->setSuffix(tr(" steps/s"));
  m_speed->setToolTip(tr("Playing speed: how many timesteps t advances per second"));
  speedLabel->setBuddy(m_speed);
  speedLabel->setToolTip(m_speed->toolTip());
  controls->addWidget(speedLabel);
  controls->addWidget(m_speed);

  m_loop = new QCheckBox(tr("Loop"), m_controls);
  m_loop->setObjectName(QStringLiteral("loopCheck"));
  m_loop->setToolTip(tr("When playing reaches the end of the chain (T, or 0 in reverse), start again"));
  m_loop->setFocusPolicy(Qt::NoFocus);
  controls->addWidget(m_loop);

  m_readouts = new QWidget(this);
  m_readouts->setObjectName(QStringLiteral("timelineReadouts"));
  auto* readouts = new QHBoxLayout(m_readouts);
  readouts->setContentsMargins(0, 0, 0, 0);
  readouts->setSpacing(8);
  auto readout = [this, readouts](const QString& name, const QString& tip) {
    auto* l = new QLabel(m_readouts);
    l->setObjectName(name);
    l->setToolTip(tip);
    l->setTextFormat(Qt::RichText);
    readouts->addWidget(l);
    return l;
  };
  m_betaLabel = readout(QStringLiteral("betaLabel"), tr("β_t: variance of the noise added at step t, "
                                                        "q(x_t | x_{t-1}) = N(√(1−β_t) x_{t-1}, β_t I)"));
  m_alphaBarLabel =
      readout(QStringLiteral("alphaBarLabel"), tr("ᾱ_t = ∏_{s≤t} (1−β_s): how much of the data survives to step t, "
                                                  "q(x_t | x_0) = N(√ᾱ_t x_0, (1−ᾱ_t) I)"));
  m_snrLabel = readout(QStringLiteral("snrLabel"),
                       tr("Signal-to-noise ratio SNR(t) = ᾱ_t / (1−ᾱ_t): signal power over noise power at step t"));
  m_row1 = new QHBoxLayout;
  m_row1->addWidget(m_controls);
  m_row1->addStretch(1);
  m_row1->addWidget(m_readouts);
  grid->addLayout(m_row1, 1, 0, 1, 3);
  m_row2 = new QHBoxLayout;
  m_row2->addStretch(1);
  grid->addLayout(m_row2, 2, 0, 1, 3);
  grid->setColumnStretch(1, 1);
  m_grid = grid;

  updateIconSizes();
  fitReadoutWidths();
}

void Timeline::fitReadoutWidths() {
  // As wide as their widest value over this schedule's t, so the row does not change (or wrap)
  // while t plays. The plain text measured here is a little wider than the rich text shown (its
  // subscripts are smaller).
  const QFontMetrics fm(font());
  int beta = 0, alphaBar = 0, snr = 0;
  for (int t = 0; t <= steps(); ++t) {
    const Readout r = readoutAt(m_schedule, t);
    beta = std::max(beta, fm.horizontalAdvance(QStringLiteral("βt = ") + r.beta));
    alphaBar = std::max(alphaBar, fm.horizontalAdvance(QStringLiteral("ᾱt = ") + r.alphaBar));
    snr = std::max(snr, fm.horizontalAdvance(QStringLiteral("SNR = ") + r.snr));
  }
  m_betaLabel->setMinimumWidth(beta);
  m_alphaBarLabel->setMinimumWidth(alphaBar);
  m_snrLabel->setMinimumWidth(snr);
}

int Timeline::narrowWidth() const {
  // The widest row when the read-outs have a row of their own.
  const QMargins m = m_grid->contentsMargins();
  const int spacing = std::max(0, m_grid->horizontalSpacing());
  int row0 = 0;
  for (int c = 0; c < 3; ++c)
    if (QLayoutItem* item = m_grid->itemAtPosition(0, c)) row0 += item->minimumSize().width() + (c ? spacing : 0);
  return std::max({row0, m_controls->minimumSizeHint().width(), m_readouts->minimumSizeHint().width()}) + m.left() +
         m.right();
}

void Timeline::setCompact(bool compact) {
  // Fewer words where the row is short of room: the spin box's tooltip and suffix say what it is.
  if (compact == m_compact) return;
  m_compact = compact;
  m_speedLabel->setVisible(!compact);
  m_speed->setSuffix(compact ? tr("/s") : tr(" steps/s"));
}

void Timeline::fitRows() {
  // One row of everything; else the same with the short speed control; else the read-outs wrap.
  const QMargins m = m_grid->contentsMargins();
  const auto fits = [this, m] {
    return m_controls->sizeHint().width() + 8 + m_readouts->sizeHint().width() + m.left() + m.right() <= width();
  };
  setCompact(false);
  if (!fits()) setCompact(true);
  const bool wrap = !fits();
  if (wrap == m_wrapped) return;
  m_wrapped = wrap;
  (wrap ? m_row1 : m_row2)->removeWidget(m_readouts);
  (wrap ? m_row2 : m_row1)->addWidget(m_readouts);
  updateGeometry();
}

bool Timeline::readoutsWrapped() const { return m_wrapped; }

QSize Timeline::minimumSizeHint() const {
  // As narrow as the read-outs on a row of their own; as tall as the rows are now (fitRows wraps
  // them when the window is narrower than one row of everything).
  const QSize current = QWidget::minimumSizeHint();
  return {std::min(current.width(), narrowWidth()), current.height()};
}

void Timeline::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  fitRows();
}

void Timeline::setSchedule(const NoiseSchedule& schedule) {
  m_schedule = schedule;
  const int T = m_schedule.steps();
  {
    const QSignalBlocker block(m_slider);
    m_slider->setRange(0, T);
    m_slider->setTickInterval(std::max(1, T / 10));
  }
  // Room for the widest t and read-outs so the layout does not jitter while playing.
  m_tLabel->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("t = %1 / %1").arg(T)) + 8);
  fitReadoutWidths();
  if (m_t > T) {
    setTimestep(T);
  } else {
    const QSignalBlocker block(m_slider);
    m_slider->setValue(m_t);
    updateReadouts();
  }
}

bool Timeline::isPlaying() const { return m_timer->isActive(); }
double Timeline::speed() const { return m_speed->value(); }
bool Timeline::loops() const { return m_loop->isChecked(); }

QList<QAction*> Timeline::transportActions() const { return m_transport; }

QString Timeline::readoutText() const {
  const Readout r = readoutAt(m_schedule, m_t);
  return QStringLiteral("t = %1   β_t = %2   ᾱ_t = %3   SNR = %4").arg(r.t, r.beta, r.alphaBar, r.snr);
}

void Timeline::setTimestep(int t) {
  t = std::clamp(t, 0, steps());
  if (t == m_t && m_slider->value() == t) return;
  m_t = t;
  {
    const QSignalBlocker block(m_slider);
    m_slider->setValue(t);
  }
  updateReadouts();
  Q_EMIT timestepChanged(t);
}

void Timeline::stepBy(int delta) { setTimestep(m_t + delta); }

void Timeline::setDirection(Direction direction) {
  m_forwardAction->setChecked(direction == Direction::Forward);
  m_reverseAction->setChecked(direction == Direction::Reverse);
  if (direction == m_direction) return;
  m_direction = direction;
  Q_EMIT directionChanged(direction);
}

void Timeline::setPlaying(bool playing) {
  if (playing == isPlaying()) return;
  if (playing) {
    // Playing from the end of the chain starts it over.
    if (m_direction == Direction::Forward && m_t >= steps()) setTimestep(0);
    if (m_direction == Direction::Reverse && m_t <= 0) setTimestep(steps());
    m_stepCarry = 0.0;
    m_clock.start();
    m_timer->start();
  } else {
    m_timer->stop();
  }
  updatePlayUi();
  Q_EMIT playingChanged(playing);
}

void Timeline::togglePlaying() { setPlaying(!isPlaying()); }

void Timeline::setSpeed(double stepsPerSecond) { m_speed->setValue(static_cast<int>(std::lround(stepsPerSecond))); }

void Timeline::setLoop(bool loop) { m_loop->setChecked(loop); }

void Timeline::setPresentationMode(bool on) {
  m_presentation = on;
  updateIconSizes();
}

void Timeline::onTick() {
  // Advance by the steps owed since the last tick, so the speed holds even when frames are late.
  const double seconds = m_clock.restart() / 1000.0;
  m_stepCarry += seconds * speed();
  const int n = static_cast<int>(m_stepCarry);
  if (n == 0) return;
  m_stepCarry -= n;
  const int T = steps();
  int next = m_direction == Direction::Forward ? m_t + n : m_t - n;
  if (next > T || next < 0) {
    if (loops()) {
      next = m_direction == Direction::Forward ? 0 : T;
    } else {
      setTimestep(std::clamp(next, 0, T));
      setPlaying(false);
      return;
    }
  }
  setTimestep(next);
}

void Timeline::updateReadouts() {
  const Readout r = readoutAt(m_schedule, m_t);
  m_tLabel->setText(tr("t = %1").arg(r.t));
  m_betaLabel->setText(QStringLiteral("β<sub>t</sub> = %1").arg(r.beta));
  m_alphaBarLabel->setText(QStringLiteral("ᾱ<sub>t</sub> = %1").arg(r.alphaBar));
  m_snrLabel->setText(QStringLiteral("SNR = %1").arg(r.snr));
}

void Timeline::updatePlayUi() {
  const bool playing = isPlaying();
  m_playAction->setIcon(
      svgIcon(playing ? QStringLiteral("pause") : QStringLiteral("play"), palette().color(QPalette::WindowText)));
  m_playAction->setText(playing ? tr("Pause") : tr("Play"));
}

void Timeline::updateIconSizes() {
  // Icons follow the font, so presentation mode (a larger application font) enlarges them too.
  const int h = fontMetrics().height();
  const QSize icon(h + h / 3, h + h / 3);
  for (QToolButton* b : m_transportButtons) b->setIconSize(icon);
  if (m_playButton) m_playButton->setIconSize(icon);
  if (m_slider) m_slider->setMinimumHeight(h + h / 2);
}

void Timeline::changeEvent(QEvent* event) {
  if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
    updateIconSizes();
    if (m_tLabel)
      m_tLabel->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("t = %1 / %1").arg(steps())) + 8);
    if (m_grid) {  // built
      fitReadoutWidths();
      fitRows();
    }
  }
  QWidget::changeEvent(event);
}

}  // namespace ds::ui
