<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/summary.xsl: mode "summary", the From / To / Date / Type / Markings list of a document,
  shown under its heading and in the index. Values come from enc: functions (heading
  first, teiHeader second); a date shows its machine value in words and the printed words.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:enc="urn:telegram-tei:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="summary" on-no-match="fail" on-multiple-match="fail"/>

  <!-- From, To, Date and Markings of a document, where the TEI gives them. -->
  <xsl:template match="tei:div | tei:body" mode="summary" as="element(dl)?">
    <xsl:variable name="from" as="xs:string*" select="enc:parties(., 'from')"/>
    <xsl:variable name="to" as="xs:string*" select="enc:parties(., 'to')"/>
    <xsl:variable name="date" as="element(tei:date)?" select="enc:doc-date(.)"/>
    <xsl:variable name="types" as="xs:string*" select="enc:doc-types(.)"/>
    <xsl:variable name="markings" as="xs:string*" select="enc:markings(.)"/>
    <xsl:if test="exists(($from, $to, $date, $types, $markings))">
      <dl class="doc-summary">
        <xsl:call-template name="enc:summary-item">
          <xsl:with-param name="label" select="'From'"/>
          <xsl:with-param name="values" select="$from"/>
        </xsl:call-template>
        <xsl:call-template name="enc:summary-item">
          <xsl:with-param name="label" select="'To'"/>
          <xsl:with-param name="values" select="$to"/>
        </xsl:call-template>
        <xsl:if test="$date">
          <div>
            <dt>Date</dt>
            <dd><xsl:call-template name="enc:date-summary"><xsl:with-param name="date" select="$date"/></xsl:call-template></dd>
          </div>
        </xsl:if>
        <xsl:call-template name="enc:summary-item">
          <xsl:with-param name="label" select="'Type'"/>
          <xsl:with-param name="values" select="$types"/>
        </xsl:call-template>
        <xsl:call-template name="enc:summary-item">
          <xsl:with-param name="label" select="'Markings'"/>
          <xsl:with-param name="values" select="$markings"/>
        </xsl:call-template>
      </dl>
    </xsl:if>
  </xsl:template>

  <!-- One term of the summary list; nothing when there are no values. -->
  <xsl:template name="enc:summary-item" as="element(div)?">
    <xsl:param name="label" as="xs:string" required="yes"/>
    <xsl:param name="values" as="xs:string*" required="yes"/>
    <xsl:if test="exists($values)">
      <div>
        <dt>{$label}</dt>
        <dd>{string-join($values, '; ')}</dd>
      </div>
    </xsl:if>
  </xsl:template>

  <!--
    A date for the summary. When the printed words already give the day the TEI value names
    ("April 9, 1918, 8 p.m." for 1918-04-09T20:00:00+02:31), only the printed words are shown;
    otherwise the value in words comes first and the printed words follow in brackets. The
    exact value is always in @datetime and, in words with its time zone, in @title.
  -->
  <xsl:template name="enc:date-summary" as="node()*">
    <xsl:param name="date" as="element(tei:date)" required="yes"/>
    <xsl:variable name="label" as="xs:string" select="enc:date-label($date)"/>
    <xsl:variable name="printed" as="xs:string" select="enc:plain($date)"/>
    <xsl:variable name="when" as="xs:string?" select="enc:datetime-attr($date)"/>
    <xsl:variable name="day" as="xs:string" select="enc:day-words($date)"/>
    <xsl:variable name="printed-only" as="xs:boolean"
        select="$printed ne '' and ($label eq '' or $printed eq $label or ($day ne '' and contains($printed, $day)))"/>
    <xsl:variable name="shown" as="xs:string"
        select="if ($printed-only) then $printed else enc:date-words($date)"/>
    <xsl:if test="$shown">
      <xsl:element name="{if ($when) then 'time' else 'span'}">
        <xsl:attribute name="class" select="'date-value'"/>
        <xsl:if test="$when">
          <xsl:attribute name="datetime" select="$when"/>
        </xsl:if>
        <xsl:if test="$label and $label ne $shown">
          <xsl:attribute name="title" select="$label"/>
        </xsl:if>
        <xsl:value-of select="$shown"/>
      </xsl:element>
    </xsl:if>
    <xsl:if test="not($printed-only) and $printed and $printed ne $shown">
      <xsl:if test="$shown">
        <xsl:text> </xsl:text>
      </xsl:if>
      <span class="date-printed">({$printed})</span>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
