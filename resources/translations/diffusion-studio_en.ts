<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>QObject</name>
    <message numerus="yes">
        <location filename="../../ui/lessons/train/traindrawing.cpp" line="+14"/>
        <location line="+10"/>
        <source>Spray %n point(s)</source>
        <translation>
            <numerusform>Spray %n point</numerusform>
            <numerusform>Spray %n points</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ds::ui::LessonTrain</name>
    <message numerus="yes">
        <location filename="../../ui/lessons/train/lessontrain.cpp" line="+208"/>
        <source>%n point(s), %1-D</source>
        <translation>
            <numerusform>%n point, %1-D</numerusform>
            <numerusform>%n points, %1-D</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/lessons/train/trainautosave.cpp" line="+61"/>
        <source>%n drawn points</source>
        <translation>
            <numerusform>%n drawn point</numerusform>
            <numerusform>%n drawn points</numerusform>
        </translation>
    </message>
</context>
</TS>
