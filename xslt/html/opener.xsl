<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/opener.xsl: mode "text" for the frame of a document: the inline source note, the
  heading (with the number when the heading lacks it, and the summary list), opener
  marking lines, datelines and dates, closer, signature, postscript and attachments.

  The mode itself is declared in body.xsl; its fallback for unknown elements lives there.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:frus="http://history.state.gov/frus/ns/1.0"
    xmlns:enc="urn:telegram-tei:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The legacy source line above the heading ("761.94/7–2145: Telegram"). -->
  <xsl:template match="tei:note[@type = 'source'][not(enc:is-footnote(.))]" mode="text" as="element()">
    <xsl:param name="phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{enc:tag($phrasing, 'p')}">
      <xsl:attribute name="class" select="'source-note'"/>
      <xsl:apply-templates mode="text">
        <xsl:with-param name="phrasing" tunnel="yes" select="true()"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- The document heading, then the summary of its metadata. -->
  <xsl:template match="tei:div[@type = 'document']/tei:head[1] | tei:body/tei:head[1]" mode="text" as="element()+">
    <h1 class="{enc:classes('doc-head', .)}">
      <xsl:call-template name="enc:head-content"/>
    </h1>
    <xsl:apply-templates select=".." mode="summary"/>
  </xsl:template>

  <!-- The heading's text, preceded by "No. N." when the printed heading has no number. -->
  <xsl:template name="enc:head-content" as="node()*">
    <xsl:if test="not(enc:head-has-number(..))">
      <span class="doc-number">No. {enc:doc-number(..)}.</span>
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:apply-templates mode="text">
      <xsl:with-param name="phrasing" tunnel="yes" select="true()"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template match="frus:attachment/tei:head" mode="text" as="element()">
    <xsl:param name="phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{enc:tag($phrasing, 'h2')}">
      <xsl:attribute name="class" select="enc:classes('attachment-head', .)"/>
      <xsl:apply-templates mode="text">
        <xsl:with-param name="phrasing" tunnel="yes" select="true()"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- Opener and closer: containers of lines (markings, dateline, salute, signature). -->
  <xsl:template match="tei:opener | tei:closer | tei:postscript" mode="text" as="element()">
    <xsl:param name="phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{enc:tag($phrasing, 'div')}">
      <xsl:attribute name="class" select="enc:classes(local-name(), .)"/>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <!-- One line of an opener or closer; inside running text, a span. -->
  <xsl:template match="tei:seg | tei:dateline | tei:salute | tei:signed" mode="text" as="element()">
    <xsl:param name="phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="type" as="xs:string*"
        select="tokenize(string(@type))[. = ('marking', 'classification', 'precedence')]"/>
    <xsl:element name="{enc:tag($phrasing, 'p')}">
      <xsl:attribute name="class" select="string-join((enc:classes(local-name(), .), $type), ' ')"/>
      <xsl:apply-templates mode="text">
        <xsl:with-param name="phrasing" tunnel="yes" select="true()"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- A date: machine value as datetime (and in words as a tooltip), printed words shown. -->
  <xsl:template match="tei:date" mode="text" as="element()">
    <xsl:variable name="when" as="xs:string?" select="enc:datetime-attr(.)"/>
    <xsl:variable name="label" as="xs:string" select="enc:date-label(.)"/>
    <xsl:element name="{if ($when) then 'time' else 'span'}">
      <xsl:attribute name="class" select="'date'"/>
      <xsl:if test="$when">
        <xsl:attribute name="datetime" select="$when"/>
      </xsl:if>
      <xsl:if test="$label">
        <xsl:attribute name="title" select="$label"/>
      </xsl:if>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <!-- An attachment (enclosure) printed after the closer. -->
  <xsl:template match="frus:attachment" mode="text" as="element()">
    <xsl:param name="phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{enc:tag($phrasing, 'section')}">
      <xsl:attribute name="class" select="'attachment'"/>
      <xsl:if test="@xml:id">
        <xsl:attribute name="id" select="enc:anchor-id(.)"/>
      </xsl:if>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>
