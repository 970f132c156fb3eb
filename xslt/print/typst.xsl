<?xml version="1.0" encoding="UTF-8"?>
<!--
  print/typst.xsl: the only place where text becomes Typst source. Every character a
  document carries goes through enc:ty-markup (markup mode) or enc:ty-string (a string
  literal), so no text can ever become Typst code:
    - in markup, every ASCII punctuation character gets a backslash (\# \$ \* \_ \@ \<
      \[ \( \. \- \/ \" …): Typst prints an escaped character as itself, so markup
      syntax (#code, $math$, *strong*, _emph_, @ref, <label>, // comments, "1." lists,
      "= " headings, smart quotes) cannot start, and a call can never swallow the
      brackets or parentheses that follow it;
    - in strings, only \ and " need escaping;
    - white space is collapsed to single spaces (a blank line would be a paragraph break),
      and so are the Unicode line and paragraph separators.
  Runs of more than 24 characters without a space (telegram groups, URLs) get zero-width
  spaces, so that a line can break inside them instead of running into the margin.
  Regular expressions use the ';j' flag (TOOLCHAIN.md §2).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:enc="urn:telegram-tei:xslt"
    exclude-result-prefixes="#all">

  <!-- Break opportunities inside long runs of non-space characters. -->
  <xsl:function name="enc:breakable" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="if (string-length($text) gt 24 and matches($text, '\S{25}', ';j'))
        then replace($text, '(\S{24})', '$1&#x200B;', ';j') else $text"/>
  </xsl:function>

  <!-- Text as Typst markup that prints exactly this text. -->
  <xsl:function name="enc:ty-markup" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="replace($text, '([!-/:-@\[-`{-~])', '\\$1', ';j')"/>
  </xsl:function>

  <!-- White space collapsed: XML white space and the Unicode separators. -->
  <xsl:function name="enc:ty-space" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="normalize-space(translate($text, '&#x2028;&#x2029;&#x85;&#xA0;', '    '))"/>
  </xsl:function>

  <!-- A Typst string literal holding exactly this text (one line). -->
  <xsl:function name="enc:ty-string" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:variable name="flat" as="xs:string" select="enc:ty-space(string($text))"/>
    <xsl:sequence select="'&quot;' || replace(replace($flat, '\\', '\\\\', ';j'), '&quot;', '\\&quot;', ';j') || '&quot;'"/>
  </xsl:function>

  <!-- A Typst array of string literals: ("a", "b",) -->
  <xsl:function name="enc:ty-strings" as="xs:string">
    <xsl:param name="items" as="xs:string*"/>
    <xsl:sequence select="'(' || string-join($items ! (enc:ty-string(.) || ','), ' ') || ')'"/>
  </xsl:function>

  <!--
    A label for an id, or '' when the id cannot be one: only ASCII names (enc:is-safe-id)
    become labels, so the label syntax never meets a character it does not accept.
  -->
  <xsl:function name="enc:ty-label" as="xs:string">
    <xsl:param name="id" as="xs:string?"/>
    <xsl:sequence select="if (enc:is-safe-id($id)) then '&lt;' || $id || '&gt;' else ''"/>
  </xsl:function>

  <!-- A text node of running text: collapsed, one leading and trailing space kept, escaped. -->
  <xsl:function name="enc:ty-text" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="flat" as="xs:string" select="translate($text, '&#x2028;&#x2029;&#x85;', '   ')"/>
    <xsl:variable name="core" as="xs:string" select="normalize-space($flat)"/>
    <xsl:variable name="lead" as="xs:boolean" select="normalize-space(substring($flat, 1, 1)) eq '' and $flat ne ''"/>
    <xsl:variable name="tail" as="xs:boolean"
        select="normalize-space(substring($flat, string-length($flat))) eq '' and $flat ne ''"/>
    <xsl:sequence select="if ($core eq '') then (if ($flat eq '') then '' else ' ')
        else (if ($lead) then ' ' else '') || enc:ty-markup(enc:breakable($core)) || (if ($tail) then ' ' else '')"/>
  </xsl:function>

</xsl:stylesheet>
