#pragma once
// The one timeline shared by every lesson: a slider over t = 0..T with transport controls
// (step, jump, play/pause at a chosen speed, loop), the direction of the chain (q: noising,
// t increases; p: denoising, t decreases) and read-outs of t, β_t, ᾱ_t and SNR(t).
// Playing is driven by a QTimer on the GUI thread; each tick only moves t (lessons render
// from cached trajectories), so it never blocks.

#include "core/schedule.h"
#include "ui/lesson.h"

#include <QElapsedTimer>
#include <QWidget>

#include <functional>

class QAction;
class QActionGroup;
class QCheckBox;
class QGridLayout;
class QHBoxLayout;
class QLabel;
class QSlider;
class QSpinBox;
class QTimer;
class QToolButton;

namespace ds::ui {

class Timeline : public QWidget {
  Q_OBJECT

 public:
  explicit Timeline(QWidget* parent = nullptr);

  // Takes T and the β/ᾱ tables for the read-outs; t is clamped into 0..T.
  void setSchedule(const NoiseSchedule& schedule);
  const NoiseSchedule& schedule() const { return m_schedule; }
  int steps() const { return m_schedule.steps(); }

  int timestep() const { return m_t; }
  Direction direction() const { return m_direction; }
  bool isPlaying() const;
  double speed() const;  // steps per second while playing
  bool loops() const;

  // Actions (with their keyboard shortcuts) for menus and toolbars. The shortcuts are active
  // anywhere in this widget's window, except that a focused text/number field, list, combo box
  // or another slider keeps the keys it uses itself.
  QAction* playAction() const { return m_playAction; }
  QList<QAction*> transportActions() const;  // step/jump/home/end actions, in menu order
  QAction* forwardAction() const { return m_forwardAction; }
  QAction* reverseAction() const { return m_reverseAction; }

  // The text of the read-outs (for tests and the status bar).
  QString readoutText() const;
  // True when the β/ᾱ/SNR read-outs have a row of their own: the window is narrower than one row
  // of the controls and the read-outs (presentation mode on a small screen).
  bool readoutsWrapped() const;

  QSize minimumSizeHint() const override;

  // True when a key the timeline binds should be left to the focused widget instead.
  static bool focusWidgetWantsKey(const QWidget* focus, int key);

 public Q_SLOTS:
  void setTimestep(int t);  // clamped to 0..T; emits timestepChanged when t changes
  void stepBy(int delta);
  void setDirection(ds::ui::Direction direction);
  void setPlaying(bool playing);
  void togglePlaying();
  void setSpeed(double stepsPerSecond);
  void setLoop(bool loop);
  // Larger controls and read-outs for a projected screen (fonts follow the application font).
  void setPresentationMode(bool on);

 Q_SIGNALS:
  void timestepChanged(int t);
  void directionChanged(ds::ui::Direction direction);
  void playingChanged(bool playing);

 private:
  void buildUi();
  void buildActions();
  QAction* makeKeyAction(const QString& text, int key, const QString& tip, std::function<void()> run);
  void updateReadouts();
  void updatePlayUi();
  void onTick();
  void updateIconSizes();
  void fitReadoutWidths();
  void fitRows();
  void setCompact(bool compact);
  int narrowWidth() const;

 protected:
  void changeEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  NoiseSchedule m_schedule;
  int m_t = 0;
  Direction m_direction = Direction::Forward;
  double m_stepCarry = 0.0;  // fractional steps owed by the play timer
  QElapsedTimer m_clock;
  bool m_presentation = false;

  QTimer* m_timer = nullptr;
  QSlider* m_slider = nullptr;
  QToolButton* m_playButton = nullptr;
  QToolButton* m_forwardButton = nullptr;
  QToolButton* m_reverseButton = nullptr;
  QSpinBox* m_speed = nullptr;
  QCheckBox* m_loop = nullptr;
  QLabel* m_tLabel = nullptr;
  QLabel* m_betaLabel = nullptr;
  QLabel* m_alphaBarLabel = nullptr;
  QLabel* m_snrLabel = nullptr;
  QWidget* m_controls = nullptr;  // direction, speed, loop
  QWidget* m_readouts = nullptr;  // β, ᾱ, SNR
  QGridLayout* m_grid = nullptr;
  QHBoxLayout* m_row1 = nullptr;
  QHBoxLayout* m_row2 = nullptr;
  bool m_wrapped = false;
  bool m_compact = false;
  QLabel* m_speedLabel = nullptr;

  QAction* m_playAction = nullptr;
  QAction* m_forwardAction = nullptr;
  QAction* m_reverseAction = nullptr;
  QActionGroup* m_directionGroup = nullptr;
  QList<QAction*> m_transport;
  QList<QToolButton*> m_transportButtons;
};

}  // namespace ds::ui
