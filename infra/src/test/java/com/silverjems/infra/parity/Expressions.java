package com.silverjems.infra.parity;

import static com.silverjems.infra.parity.DeployedTemplates.asList;
import static com.silverjems.infra.parity.DeployedTemplates.asMap;

import com.silverjems.infra.parity.DeployedTemplates.Resource;
import com.silverjems.infra.parity.DeployedTemplates.Stack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the CloudFormation expressions of a template ({@code Ref}, {@code Fn::GetAtt}, {@code
 * Fn::ImportValue}, {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split}) the way CloudFormation
 * would, except that every resource they name is answered by a {@link StandIn}: the local
 * stand-in's address, bucket, queue, ... An expression this class or the stand-ins do not know
 * fails loudly, so a new kind of value in a task definition cannot slip past the contract test.
 */
final class Expressions {

  /** What a resource's {@code Ref} (attribute null) or {@code Fn::GetAtt} evaluates to locally. */
  interface StandIn {
    String value(Resource resource, String attribute);
  }

  private final DeployedTemplates templates;
  private final StandIn standIn;

  Expressions(DeployedTemplates templates, StandIn standIn) {
    this.templates = templates;
    this.standIn = standIn;
  }

  String evaluate(Object expression, Stack stack) {
    if (expression instanceof String text) {
      return text;
    }
    if (expression instanceof Number number) {
      return number.toString();
    }
    Map<String, Object> function = asMap(expression);
    if (function.size() != 1) {
      throw new IllegalArgumentException("not a CloudFormation function: " + expression);
    }
    String name = function.keySet().iterator().next();
    Object argument = function.get(name);
    return switch (name) {
      case "Ref" -> ref((String) argument, stack);
      case "Fn::GetAtt" -> {
        List<Object> target = asList(argument);
        yield standIn.value(
            templates.resource(stack, (String) target.get(0)), (String) target.get(1));
      }
      case "Fn::ImportValue" -> {
        DeployedTemplates.Exported exported =
            templates.exported(stack.env(), evaluate(argument, stack));
        yield evaluate(exported.value(), exported.stack());
      }
      case "Fn::Join" -> {
        List<Object> parts = asList(argument);
        List<String> values = new ArrayList<>();
        for (Object part : asList(parts.get(1))) {
          values.add(evaluate(part, stack));
        }
        yield String.join((String) parts.get(0), values);
      }
      case "Fn::Select" -> {
        List<Object> parts = asList(argument);
        int index = Integer.parseInt(String.valueOf(parts.get(0)));
        yield list(parts.get(1), stack).get(index);
      }
      case "Fn::Sub" -> sub(argument, stack);
      default -> throw new IllegalArgumentException("unsupported function " + name);
    };
  }

  /** {@code "a-${Name}-${Res.Attr}"}, or {@code [template, {Name: expression}]}. */
  private String sub(Object argument, Stack stack) {
    String template;
    Map<String, Object> variables = Map.of();
    if (argument instanceof String text) {
      template = text;
    } else {
      List<Object> parts = asList(argument);
      template = (String) parts.get(0);
      variables = asMap(parts.get(1));
    }
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile("\\$\\{([^}!][^}]*)}").matcher(template);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String reference = matcher.group(1);
      String value;
      if (variables.containsKey(reference)) {
        value = evaluate(variables.get(reference), stack);
      } else if (reference.startsWith("AWS::") || !reference.contains(".")) {
        value = ref(reference, stack);
      } else {
        int dot = reference.indexOf('.');
        value =
            standIn.value(
                templates.resource(stack, reference.substring(0, dot)),
                reference.substring(dot + 1));
      }
      matcher.appendReplacement(result, java.util.regex.Matcher.quoteReplacement(value));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  private List<String> list(Object expression, Stack stack) {
    Map<String, Object> function = asMap(expression);
    if (function.containsKey("Fn::Split")) {
      List<Object> parts = asList(function.get("Fn::Split"));
      return Arrays.asList(
          evaluate(parts.get(1), stack)
              .split(java.util.regex.Pattern.quote((String) parts.get(0)), -1));
    }
    throw new IllegalArgumentException("unsupported list expression " + expression);
  }

  private String ref(String name, Stack stack) {
    return switch (name) {
      case "AWS::Region" -> stack.env().region();
      case "AWS::AccountId" -> stack.env().account();
      case "AWS::URLSuffix" -> "amazonaws.com";
      case "AWS::Partition" -> "aws";
      default -> standIn.value(templates.resource(stack, name), null);
    };
  }
}
