<?xml version="1.0" encoding="UTF-8"?>
<!--
  common/functions.xsl: typed helper functions (namespace enc:) shared by the HTML reading
  edition, its index page and the print edition.

  Everything that turns a value copied from a document into markup that could be dangerous
  (an id, a link target, a class name) goes through a function here, so the rule lives in
  one place: ids are ASCII names unique within their TEI file, links are either fragments
  that point at an element of the same document or http(s) URLs, classes come from fixed
  lists. Regular expressions use the ';j' flag (Saxon's own engine is slow; TOOLCHAIN.md §2).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:frus="http://history.state.gov/frus/ns/1.0"
    xmlns:enc="urn:telegram-tei:xslt"
    exclude-result-prefixes="#all">

  <xsl:key name="enc:by-id" match="*[@xml:id]" use="string(@xml:id)"/>

  <!-- Known @rend / @rendition values; anything else gets no class of its own. -->
  <xsl:variable name="enc:known-rends" as="xs:string+" select="(
      'italic', 'strong', 'bold', 'smallcaps', 'roman', 'underline', 'sub', 'superscript',
      'strikethrough', 'flushleft', 'center', 'left', 'right', 'sectiontitleital',
      'blockquote')"/>

  <!-- Fail the transform with one message format that names the element at fault. -->
  <xsl:function name="enc:fail" as="empty-sequence()">
    <xsl:param name="node" as="node()"/>
    <xsl:param name="message" as="xs:string"/>
    <xsl:sequence select="error(QName('urn:telegram-tei:xslt', 'enc:render'),
        'render: ' || $message || ' (at ' || enc:where($node) || ')')"/>
  </xsl:function>

  <!-- A short XPath of a node for messages, without the TEI namespace noise. -->
  <xsl:function name="enc:where" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="replace(path($node), 'Q{http://www.tei-c.org/ns/1.0}', '', 'q')"/>
  </xsl:function>

  <!-- The page's own data from the HTML output (see params.xsl); the print edition and a
       bare render give none. Declared here so every entry stylesheet has it. -->
  <xsl:param name="page-json" as="xs:string" select="''"/>

  <!-- The page-json parameter as a map (an empty map when it is not given). -->
  <xsl:variable name="enc:page" as="map(*)"
      select="if (normalize-space($page-json)) then parse-json($page-json) else map {}"/>

  <!-- A link into another page of the site, handed in by page-json: our own safe names only. -->
  <xsl:function name="enc:site-href" as="xs:string?">
    <xsl:param name="href" as="item()?"/>
    <xsl:sequence select="string($href)[matches(., '^[A-Za-z0-9][A-Za-z0-9_.\-]*\.html(#[A-Za-z_][A-Za-z0-9_.\-]*)?$', ';j')]"/>
  </xsl:function>

  <!-- True for strings usable as an HTML id and URL fragment as they are. -->
  <xsl:function name="enc:is-safe-id" as="xs:boolean">
    <xsl:param name="id" as="xs:string?"/>
    <xsl:sequence select="matches(string($id), '^[A-Za-z][A-Za-z0-9_.\-]{0,127}$', ';j')"/>
  </xsl:function>

  <!-- The TEI root (or the outermost element) an element belongs to: the scope of its ids. -->
  <xsl:function name="enc:id-scope" as="element()">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="($node/ancestor-or-self::tei:TEI[1], $node/ancestor-or-self::*[last()])[1]"/>
  </xsl:function>

  <!--
    The HTML id of an element: its xml:id when that is safe and unique in its TEI file,
    else a generated one; prefixed with the document key when several TEI files share one
    page (the print edition), so that twenty copies of "d580" stay distinct.
  -->
  <!-- An id for a node that depends only on where it stands in its document (depth and
       the count of nodes before it: unique in the document). generate-id() is not stable:
       it counts the documents the Saxon processor has parsed, so a page made in another
       process, or in a rebuild, would differ. -->
  <xsl:function name="enc:stable-id" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="count($node/ancestor-or-self::node()) || '-' || count($node/preceding::node())"/>
  </xsl:function>

  <xsl:function name="enc:anchor-id" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:variable name="own" as="xs:string" select="string($node/@xml:id)"/>
    <xsl:variable name="key" as="xs:string" select="string($node/ancestor::enc:document[1]/@key)"/>
    <xsl:variable name="base" as="xs:string" select="
        if (enc:is-safe-id($own) and count(key('enc:by-id', $own, enc:id-scope($node))) eq 1)
        then $own else 'n-' || enc:stable-id($node)"/>
    <xsl:sequence select="if ($key) then $key || '-' || $base else $base"/>
  </xsl:function>

  <!--
    A link target for @target, or nothing when it must not become a link: fragments must
    name an element of the same TEI file that the page gives an id; absolute URLs must be http(s); FRUS volume
    references (frus1947v06#pg_150) point to history.state.gov. javascript:, data:, file:
    and everything else render as plain text.
  -->
  <xsl:function name="enc:safe-href" as="xs:string?">
    <xsl:param name="target" as="xs:string?"/>
    <xsl:param name="context" as="element()"/>
    <xsl:variable name="t" as="xs:string" select="normalize-space($target)"/>
    <xsl:choose>
      <xsl:when test="starts-with($t, '#') and enc:is-safe-id(substring($t, 2))">
        <xsl:variable name="hit" as="element()*"
            select="key('enc:by-id', substring($t, 2), enc:id-scope($context))"/>
        <xsl:sequence select="if (count($hit) eq 1 and enc:is-anchored($hit))
            then '#' || enc:anchor-id($hit) else ()"/>
      </xsl:when>
      <xsl:when test="matches($t, '^https?://[A-Za-z0-9.\-]+(:[0-9]+)?([/?#][^\s&quot;&lt;&gt;`\\]*)?$', 'i;j')">
        <xsl:sequence select="$t"/>
      </xsl:when>
      <xsl:when test="matches($t, '^frus[A-Za-z0-9\-]+(#[A-Za-z][A-Za-z0-9_.\-]*)?$', ';j')">
        <xsl:sequence select="'https://history.state.gov/historicaldocuments/'
            || translate($t, '#', '/')"/>
      </xsl:when>
    </xsl:choose>
  </xsl:function>

  <!-- True for the elements the editions give an HTML id, so a fragment link can land. -->
  <xsl:function name="enc:is-anchored" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element[self::tei:div or self::tei:pb or self::tei:anchor
        or self::tei:milestone or self::tei:cb or self::frus:attachment
        or self::tei:note[enc:is-footnote(.)]])"/>
  </xsl:function>

  <!-- A page link handed in as a parameter: only our own safe file names are accepted. -->
  <xsl:function name="enc:safe-page-href" as="xs:string?">
    <xsl:param name="href" as="xs:string"/>
    <xsl:sequence select="$href[matches(., '^[A-Za-z0-9][A-Za-z0-9_.\-]*\.html$', ';j')]"/>
  </xsl:function>

  <!-- The document divs of a TEI file; a file without any is treated as one document. -->
  <xsl:function name="enc:documents" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="divs" as="element(tei:div)*" select="$tei/tei:text//tei:div
        [@type = 'document'][not(ancestor::tei:div[@type = 'document'])]"/>
    <xsl:sequence select="if (exists($divs)) then $divs else $tei/tei:text/tei:body"/>
  </xsl:function>

  <!-- True when the document is the only one in its file, so the teiHeader describes it. -->
  <xsl:function name="enc:is-sole-document" as="xs:boolean">
    <xsl:param name="doc" as="element()"/>
    <xsl:sequence select="count(enc:documents($doc/ancestor::tei:TEI[1])) eq 1"/>
  </xsl:function>

  <!--
    Text of an element as read: notes left out, line breaks as spaces, space normalized, and
    the space that markup left inside brackets ("( Togo )") closed up.
  -->
  <xsl:function name="enc:plain" as="xs:string">
    <xsl:param name="element" as="element()?"/>
    <xsl:variable name="text" as="xs:string" select="normalize-space(string-join(
        ($element/descendant::node()[self::text() or self::tei:lb]
          except $element//tei:note/descendant-or-self::node())
        ! (if (. instance of text()) then string(.) else ' '), ''))"/>
    <xsl:sequence select="if (contains($text, '( ') or contains($text, ' )'))
        then replace(replace($text, '\( ', '(', ';j'), ' \)', ')', ';j') else $text"/>
  </xsl:function>

  <!--
    A text node as shown: white space next to a bracket is dropped where markup split the
    text ("(" + persName + ")"), so the heading reads "(Togo)", not "( Togo )". Only the
    edge that touches a sibling element changes; text is never added or reordered.
  -->
  <xsl:function name="enc:tidy-text" as="xs:string">
    <xsl:param name="text" as="text()"/>
    <xsl:variable name="s" as="xs:string" select="string($text)"/>
    <xsl:variable name="open" as="xs:boolean" select="contains($s, '(')
        and exists($text/following-sibling::node()[1][self::*]) and matches($s, '\(\s+$', ';j')"/>
    <xsl:variable name="close" as="xs:boolean" select="contains($s, ')')
        and exists($text/preceding-sibling::node()[1][self::*]) and matches($s, '^\s+\)', ';j')"/>
    <xsl:variable name="head" as="xs:string" select="if ($open) then replace($s, '\s+$', '', ';j') else $s"/>
    <xsl:sequence select="if ($close) then replace($head, '^\s+', '', ';j') else $head"/>
  </xsl:function>

  <!-- The document number (div/@n), or the empty string. -->
  <xsl:function name="enc:doc-number" as="xs:string">
    <xsl:param name="doc" as="element()"/>
    <xsl:sequence select="normalize-space($doc/@n)"/>
  </xsl:function>

  <!-- The heading as printed, with a leading "No. 580" / "580." left out. -->
  <xsl:function name="enc:doc-title" as="xs:string">
    <xsl:param name="doc" as="element()"/>
    <xsl:variable name="n" as="xs:string" select="enc:doc-number($doc)"/>
    <xsl:variable name="head" as="xs:string" select="enc:plain($doc/tei:head[1])"/>
    <xsl:variable name="text" as="xs:string" select="
        if ($head) then $head
        else if (enc:is-sole-document($doc))
        then normalize-space(($doc/ancestor::tei:TEI[1]/tei:teiHeader//tei:titleStmt/tei:title)[1])
        else ''"/>
    <xsl:variable name="prefix" as="xs:string?" select="
        if ($n) then (('No. ' || $n || '.'), ('No. ' || $n), ($n || '.'))[starts-with($text, .)][1]
        else ()"/>
    <xsl:variable name="rest" as="xs:string"
        select="if ($prefix) then normalize-space(substring($text, string-length($prefix) + 1)) else $text"/>
    <xsl:sequence select="if ($rest) then $rest else if ($text) then $text else 'Untitled document'"/>
  </xsl:function>

  <!--
    True when the document prints its number already: at the start of the heading, or as
    the legacy source line ("No. 47." in the 1870 volume).
  -->
  <xsl:function name="enc:head-has-number" as="xs:boolean">
    <xsl:param name="doc" as="element()"/>
    <xsl:variable name="n" as="xs:string" select="enc:doc-number($doc)"/>
    <xsl:variable name="printed" as="xs:string*"
        select="($doc/tei:head[1], $doc/tei:note[@type = 'source'][not(enc:is-footnote(.))]) ! enc:plain(.)"/>
    <xsl:sequence select="$n eq '' or (some $t in $printed satisfies
        (starts-with($t, 'No. ' || $n) or starts-with($t, $n || '.')))"/>
  </xsl:function>

  <!--
    The legacy source line printed above the heading ("File No. 861.77/362", "761.94/7–2145:
    Telegram"), or '' when there is none or it only repeats the document number ("No. 86.").
    In the index it tells apart documents whose headings are the same.
  -->
  <xsl:function name="enc:source-line" as="xs:string">
    <xsl:param name="doc" as="element()"/>
    <xsl:variable name="n" as="xs:string" select="enc:doc-number($doc)"/>
    <xsl:variable name="line" as="xs:string"
        select="enc:plain($doc/tei:note[@type = 'source'][not(enc:is-footnote(.))][1])"/>
    <xsl:sequence select="if ($n ne '' and $line = ('No. ' || $n || '.', 'No. ' || $n, $n || '.', $n))
        then '' else $line"/>
  </xsl:function>

  <!-- The number and title as one line ("No. 580. The Japanese Minister …"). -->
  <xsl:function name="enc:display-title" as="xs:string">
    <xsl:param name="doc" as="element()"/>
    <xsl:variable name="n" as="xs:string" select="enc:doc-number($doc)"/>
    <xsl:sequence select="(if ($n) then 'No. ' || $n || '. ' else '') || enc:doc-title($doc)"/>
  </xsl:function>

  <!--
    Sender ('from') or recipient ('to'): the head's persName/gloss/orgName/name with that
    @type, else (when the file holds one document) the teiHeader correspDesc.
  -->
  <xsl:function name="enc:parties" as="xs:string*">
    <xsl:param name="doc" as="element()"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:variable name="in-head" as="xs:string*" select="
        ($doc/tei:head[1]//(tei:persName | tei:gloss | tei:orgName | tei:name)[@type = $type]
          except $doc/tei:head[1]//tei:note//*) ! enc:plain(.)"/>
    <xsl:variable name="action" as="xs:string" select="if ($type eq 'from') then 'sent' else 'received'"/>
    <xsl:sequence select="
        if (exists($in-head[.])) then $in-head[.]
        else if (enc:is-sole-document($doc))
        then ($doc/ancestor::tei:TEI[1]/tei:teiHeader//tei:correspAction[@type = $action]
              /(tei:persName | tei:orgName | tei:name)) ! enc:plain(.)
        else ()"/>
  </xsl:function>

  <!-- The document's date: the first dateline date outside attachments, else correspDesc. -->
  <xsl:function name="enc:doc-date" as="element(tei:date)?">
    <xsl:param name="doc" as="element()"/>
    <xsl:sequence select="(
        ($doc//tei:dateline//tei:date except $doc//frus:attachment//tei:date)[1],
        $doc[enc:is-sole-document(.)]/ancestor::tei:TEI[1]/tei:teiHeader
          //tei:correspAction[@type = 'sent']/tei:date)[1]"/>
  </xsl:function>

  <!-- An ISO 8601 value (YYYY, YYYY-MM, date or dateTime) in words; other strings as given. -->
  <xsl:function name="enc:format-iso" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:variable name="v" as="xs:string" select="normalize-space($value)"/>
    <xsl:choose>
      <xsl:when test="$v castable as xs:dateTime">
        <xsl:variable name="dt" as="xs:dateTime" select="xs:dateTime($v)"/>
        <xsl:sequence select="format-dateTime($dt, '[MNn] [D], [Y], [H01]:[m01]')
            || (if (exists(timezone-from-dateTime($dt))) then format-dateTime($dt, ' UTC[Z]') else '')"/>
      </xsl:when>
      <xsl:when test="$v castable as xs:date">
        <xsl:sequence select="format-date(xs:date($v), '[MNn] [D], [Y]')"/>
      </xsl:when>
      <xsl:when test="$v castable as xs:gYearMonth and ($v || '-01') castable as xs:date">
        <xsl:sequence select="format-date(xs:date($v || '-01'), '[MNn] [Y]')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="$v"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The machine-readable value of a date in words (@when, @notBefore/@notAfter, @from/@to). -->
  <xsl:function name="enc:date-label" as="xs:string">
    <xsl:param name="date" as="element(tei:date)"/>
    <xsl:sequence select="
        if ($date/@when) then enc:format-iso($date/@when)
        else if ($date/@notBefore and $date/@notAfter)
        then 'between ' || enc:format-iso($date/@notBefore) || ' and ' || enc:format-iso($date/@notAfter)
        else if ($date/@from and $date/@to)
        then enc:format-iso($date/@from) || ' – ' || enc:format-iso($date/@to)
        else ''"/>
  </xsl:function>

  <!--
    The date in words without a time zone ("April 9, 1918, 20:00"): what a reader compares.
    The offset (local mean time in 1918 gives "+02:31") stays in @datetime and @title.
  -->
  <xsl:function name="enc:date-words" as="xs:string">
    <xsl:param name="date" as="element(tei:date)"/>
    <xsl:variable name="w" as="xs:string" select="normalize-space($date/@when)"/>
    <xsl:sequence select="
        if ($w castable as xs:dateTime)
        then format-dateTime(adjust-dateTime-to-timezone(xs:dateTime($w), ()), '[MNn] [D], [Y], [H01]:[m01]')
        else enc:date-label($date)"/>
  </xsl:function>

  <!-- The day of @when in words ("April 9, 1918"), or '' when @when names no day. -->
  <xsl:function name="enc:day-words" as="xs:string">
    <xsl:param name="date" as="element(tei:date)"/>
    <xsl:variable name="w" as="xs:string" select="normalize-space($date/@when)"/>
    <xsl:variable name="day" as="xs:string" select="substring($w, 1, 10)"/>
    <xsl:sequence select="
        if (($w castable as xs:dateTime or $w castable as xs:date) and $day castable as xs:date)
        then format-date(xs:date($day), '[MNn] [D], [Y]') else ''"/>
  </xsl:function>

  <!-- @when when it is a valid HTML datetime value, else nothing. -->
  <xsl:function name="enc:datetime-attr" as="xs:string?">
    <xsl:param name="date" as="element(tei:date)"/>
    <xsl:variable name="w" as="xs:string" select="normalize-space($date/@when)"/>
    <xsl:sequence select="$w[. castable as xs:dateTime or . castable as xs:date
        or . castable as xs:gYearMonth]"/>
  </xsl:function>

  <!--
    The document type ("Telegram", "Memorandum"): the teiHeader keywords of the
    document-type scheme, when the file holds one document.
  -->
  <xsl:function name="enc:doc-types" as="xs:string*">
    <xsl:param name="doc" as="element()"/>
    <xsl:sequence select="($doc[enc:is-sole-document(.)]/ancestor::tei:TEI[1]/tei:teiHeader//tei:textClass
        /tei:keywords[@scheme = '#telegram-tei-document-type']/tei:term ! enc:plain(.))[.]"/>
  </xsl:function>

  <!--
    Markings (classification, precedence, handling): the teiHeader keywords of the other
    schemes when the file holds one document, else the opener's marking lines.
  -->
  <xsl:function name="enc:markings" as="xs:string*">
    <xsl:param name="doc" as="element()"/>
    <xsl:variable name="terms" as="xs:string*" select="$doc[enc:is-sole-document(.)]
        /ancestor::tei:TEI[1]/tei:teiHeader//tei:textClass
        /tei:keywords[not(@scheme = '#telegram-tei-document-type')]/tei:term ! enc:plain(.)"/>
    <xsl:variable name="lines" as="xs:string*"
        select="$doc/tei:opener/tei:seg[@type = 'marking'] ! enc:plain(.)"/>
    <xsl:sequence select="if (exists($terms[.])) then $terms[.] else $lines[.]"/>
  </xsl:function>

  <!--
    A short running title: "No. 580 · Togo to Sato", else the title; at most 64 characters,
    cut at a word, so that it fits on one line of the printed page's head.
  -->
  <xsl:function name="enc:short-title" as="xs:string">
    <xsl:param name="doc" as="element()"/>
    <xsl:variable name="n" as="xs:string" select="enc:doc-number($doc)"/>
    <xsl:variable name="from" as="xs:string*" select="enc:parties($doc, 'from')"/>
    <xsl:variable name="to" as="xs:string*" select="enc:parties($doc, 'to')"/>
    <xsl:variable name="text" as="xs:string" select="
        if (exists($from) and exists($to))
        then string-join($from, ' and ') || ' to ' || string-join($to, ' and ')
        else enc:doc-title($doc)"/>
    <xsl:sequence select="enc:cut((if ($n) then 'No. ' || $n || ' · ' else '') || $text, 64)"/>
  </xsl:function>

  <!-- The text itself when it is short enough, else its first words and "…". -->
  <xsl:function name="enc:cut" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="max" as="xs:integer"/>
    <xsl:variable name="head" as="xs:string" select="substring($text, 1, $max - 1)"/>
    <xsl:variable name="words" as="xs:string" select="replace($head, '\s+\S*$', '', ';j')"/>
    <xsl:sequence select="if (string-length($text) le $max) then $text
        else (if ($words ne '') then $words else $head) || '…'"/>
  </xsl:function>

  <!-- Classes for @rend and @rendition tokens, from the fixed list only. -->
  <xsl:function name="enc:rend-classes" as="xs:string*">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="distinct-values((
        tokenize(string($element/@rend)),
        tokenize(string($element/@rendition)) ! substring-after(., '#')
      )[. = $enc:known-rends] ! ('r-' || .))"/>
  </xsl:function>

  <!-- The class attribute value: a base class plus the element's rendition classes. -->
  <xsl:function name="enc:classes" as="xs:string">
    <xsl:param name="base" as="xs:string"/>
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="string-join(($base, enc:rend-classes($element)), ' ')"/>
  </xsl:function>

  <!-- The element name to use: the block name, or span inside phrasing content. -->
  <xsl:function name="enc:tag" as="xs:string">
    <xsl:param name="phrasing" as="xs:boolean"/>
    <xsl:param name="block" as="xs:string"/>
    <xsl:sequence select="if ($phrasing) then 'span' else $block"/>
  </xsl:function>

  <!-- True for a note that is a footnote (not printed in the running text). -->
  <xsl:function name="enc:is-footnote" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="not(tokenize(string($note/@rend)) = 'inline')
        and not($note/@place = 'inline')"/>
  </xsl:function>

  <!-- The footnote mark: @n as printed, else the note's position in its document. -->
  <xsl:function name="enc:note-label" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="doc" as="element()?"
        select="$note/ancestor::*[self::tei:div[@type = 'document'] or self::tei:body][1]"/>
    <xsl:sequence select="
        if (normalize-space($note/@n)) then normalize-space($note/@n)
        else string(count($doc//tei:note[enc:is-footnote(.)][. &lt;&lt; $note]) + 1)"/>
  </xsl:function>

  <!-- The id of a footnote's marker in the text (the note itself uses enc:anchor-id). -->
  <xsl:function name="enc:note-ref-id" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="'ref-' || enc:anchor-id($note)"/>
  </xsl:function>

  <!-- The page language from TEI/@xml:lang when it is a well-formed tag, else English. -->
  <xsl:function name="enc:lang" as="xs:string">
    <xsl:param name="tei" as="element()?"/>
    <xsl:variable name="lang" as="xs:string" select="normalize-space($tei/@xml:lang)"/>
    <xsl:sequence select="if (matches($lang, '^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$', ';j'))
        then $lang else 'en'"/>
  </xsl:function>

  <!--
    The edition's title: the $edition-title parameter (encoder/render.py always sets it, the
    same for every page: the caller's title, or the monograph every file cites), else
    "telegram-tei edition", which names the tool and claims no source for the documents.
  -->
  <xsl:function name="enc:edition-title" as="xs:string">
    <xsl:param name="given" as="xs:string"/>
    <xsl:sequence select="if (normalize-space($given)) then normalize-space($given) else 'telegram-tei edition'"/>
  </xsl:function>

</xsl:stylesheet>
